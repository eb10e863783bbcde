package dev.cinnabar.engine;

import dev.cinnabar.engine.table.Dict;

/** The dict of a database's keys: its entries also carry the expire time and the last access time. */
final class KeyDict extends Dict {
    @Override
    protected Dict.Entry newEntry(byte[] key, int hash, Object value) {
        return new KeyEntry(key, hash, value);
    }
}
