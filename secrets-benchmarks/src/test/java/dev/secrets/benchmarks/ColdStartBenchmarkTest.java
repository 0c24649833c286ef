package dev.secrets.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColdStartBenchmarkTest {

    @ParameterizedTest
    @CsvSource({"secrets-batch, 5", "secrets, 100", "aws-caching-client, 200"})
    void countsRequestsOfOneStart(String contender, long expectedRequests) {
        ColdStartBenchmark benchmark = new ColdStartBenchmark();
        benchmark.contender = contender;
        benchmark.startServer();
        try {
            for (int start = 0; start < 2; start++) {
                ColdStartBenchmark.Requests requests = new ColdStartBenchmark.Requests();
                benchmark.prepareStart();

                benchmark.coldStart(requests);
                benchmark.closeStart();

                assertEquals(expectedRequests, requests.requests, "requests of start " + start);
            }
        } finally {
            benchmark.stopServer();
        }
    }
}
