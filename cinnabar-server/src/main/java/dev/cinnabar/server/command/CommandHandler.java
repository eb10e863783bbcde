package dev.cinnabar.server.command;

import dev.cinnabar.resp.CommandArguments;
import dev.cinnabar.server.client.Client;

/**
 * The code behind one command or subcommand. The dispatcher has already checked existence,
 * arity, authentication and every other admission rule; the handler parses its own options,
 * does the work and writes exactly one reply through {@code client.reply()}.
 */
@FunctionalInterface
public interface CommandHandler {
    void execute(Client client, CommandArguments args);
}
