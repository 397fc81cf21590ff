package dev.nines.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordsTest {
  @Test
  void aHashIsSaltedBcryptAndVerifiesOnlyItsPassword() {
    String a = Passwords.hash("correct horse battery");
    String b = Passwords.hash("correct horse battery");
    assertThat(a).startsWith("$2a$12$").hasSize(60).isNotEqualTo(b);
    assertThat(Passwords.verify("correct horse battery", a)).isTrue();
    assertThat(Passwords.verify("correct horse batterY", a)).isFalse();
    assertThat(Passwords.verify("correct horse battery", null)).isFalse();
  }

  @Test
  void passwordsShorterThanTwelveOrLongerThanSeventyTwoBytesAreRefused() {
    assertThatThrownBy(() -> Passwords.requireValid("short"))
        .hasMessage("password: too short. Expected at least 12 characters");
    assertThatThrownBy(() -> Passwords.requireValid("é".repeat(37)))
        .hasMessage("password: too long. Expected at most 72 bytes (bcrypt ignores the rest)");
    Passwords.requireValid("twelve chars");
  }

  @Test
  void generatedPasswordsAreLongAndDifferent() {
    assertThat(Passwords.generate()).hasSize(24).isNotEqualTo(Passwords.generate());
  }
}
