package io.forewarn.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.forewarn.alerts.auth.PasswordHasher;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void hashVerifiesTheRightPasswordOnly() {
        String stored = PasswordHasher.hash("s3cret-password");

        assertThat(PasswordHasher.matches("s3cret-password", stored)).isTrue();
        assertThat(PasswordHasher.matches("s3cret-passwordX", stored)).isFalse();
        assertThat(PasswordHasher.matches("", stored)).isFalse();
    }

    @Test
    void samePasswordGetsADifferentSaltEachTimeAndNoPlaintextIsStored() {
        String first = PasswordHasher.hash("s3cret-password");
        String second = PasswordHasher.hash("s3cret-password");

        assertThat(first).isNotEqualTo(second).doesNotContain("s3cret");
        assertThat(first).startsWith("pbkdf2-sha256$" + PasswordHasher.ITERATIONS + "$");
        assertThat(PasswordHasher.ITERATIONS).isGreaterThanOrEqualTo(120_000);
    }

    @Test
    void malformedStoredHashNeverMatches() {
        assertThat(PasswordHasher.matches("x", "plain-text-password")).isFalse();
        assertThat(PasswordHasher.matches("x", "pbkdf2-sha256$abc$!!$!!")).isFalse();
    }
}
