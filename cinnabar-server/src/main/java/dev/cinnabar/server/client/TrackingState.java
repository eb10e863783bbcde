package dev.cinnabar.server.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * One client's CLIENT TRACKING settings (present only while tracking is on), and the
 * invalidations for keys it changed itself, held until its command has replied.
 */
public final class TrackingState {
    public boolean broadcast;
    public boolean optIn;
    public boolean optOut;
    public boolean noLoop;
    /** CLIENT CACHING YES (in OPTIN mode) or NO (in OPTOUT mode) applies to the next command. */
    public boolean caching;
    /** The redirection client went away: invalidations cannot be delivered. */
    public boolean brokenRedirect;
    /** The client that receives this client's invalidations; 0 for itself. */
    public long redirect;
    /** BCAST prefixes, in byte order (CLIENT TRACKINGINFO lists them so). */
    public final TreeSet<byte[]> prefixes = new TreeSet<>(Arrays::compareUnsigned);
    /** Keys this client invalidated while its own command ran; a null element stands for a flush. */
    public final List<byte[]> pending = new ArrayList<>();
}
