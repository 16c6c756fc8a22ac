package dev.switchboard.console.connect;

import dev.switchboard.console.link.AdminLink;

/**
 * What the start screen hands the shell: the open link, the gateway's token secret when the console
 * knows it (its own local gateway), and the local gateway to stop on exit (null for a remote one).
 */
public record Connection(AdminLink link, String tokenSecret, LocalGateway local) {
}
