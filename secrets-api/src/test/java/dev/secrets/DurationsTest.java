package dev.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.secrets.internal.Durations;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "30s,PT30S", "5m,PT5M", "1h,PT1H", "2d,PT48H", "PT5M,PT5M", "pt1h,PT1H", "0s,PT0S"})
    void parsesShortAndIsoForms(String text, String expected) {
        assertEquals(Duration.parse(expected), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5 minutes", "-5m", "PT-5M", "99999999999999999d"})
    void rejectsOtherForms(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"PT0.5S,500ms", "PT30S,30s", "PT5M,5m", "PT1H,1h", "PT48H,2d", "PT0S,0s", "PT90S,90s"})
    void formatsShortForm(String duration, String expected) {
        assertEquals(expected, Durations.format(Duration.parse(duration)));
    }
}
