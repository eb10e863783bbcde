package dev.cinnabar.server.client;

/** What the server may ask of a client's connection, without knowing the network layer. */
public interface ClientConnection {
    /** Runs the postponed command again and continues with the input held meanwhile. */
    void resume();

    /** Continues with the input held while the client was blocked (its command has replied). */
    void continueInput();

    /** Closes the connection now, dropping pending output. */
    void closeNow();
}
