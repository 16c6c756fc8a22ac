package dev.switchboard.console.connect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class TokenVaultTest {
    @TempDir
    Path home;

    @Test
    void sealsSoOnlyThisProfilesKeyOpens() throws Exception {
        TokenVault vault = new TokenVault(home);
        String sealed = vault.seal("eyJhbGciOiJIUzI1NiJ9.admin.token");
        assertThat(sealed).doesNotContain("admin.token");
        assertThat(vault.seal("eyJhbGciOiJIUzI1NiJ9.admin.token")).as("a fresh IV each time").isNotEqualTo(sealed);
        assertThat(new TokenVault(home).open(sealed)).isEqualTo("eyJhbGciOiJIUzI1NiJ9.admin.token");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("console.key"))))
                .isEqualTo("rw-------");

        Path elsewhere = Files.createDirectory(home.resolve("other-profile"));
        assertThat(new TokenVault(elsewhere).open(sealed)).as("another key").isNull();
        assertThat(vault.open("not base64 at all!")).isNull();
    }
}
