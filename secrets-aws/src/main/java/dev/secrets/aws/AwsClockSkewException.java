package dev.secrets.aws;

import dev.secrets.SecretException;
import java.time.Duration;
import java.util.Optional;

/**
 * Thrown when AWS rejects a request signature because this machine's clock differs from AWS's by
 * more than five minutes. The fix is to synchronise the clock, for example with NTP.
 *
 * <p>Retryable: the AWS SDK reads the server's time from the rejection and corrects its signing
 * clock for later calls, so a retry usually succeeds even before the clock is fixed.
 */
public class AwsClockSkewException extends SecretException {

    private final Duration skew;

    /**
     * @param skew how far AWS's clock is ahead of this machine's (negative when behind), or null
     *     when the reply did not show it
     */
    public AwsClockSkewException(String message, Duration skew, Throwable cause) {
        super(message, cause, true);
        this.skew = skew;
    }

    /** Returns how far AWS's clock is ahead of this machine's, negative when it is behind, if known. */
    public Optional<Duration> skew() {
        return Optional.ofNullable(skew);
    }
}
