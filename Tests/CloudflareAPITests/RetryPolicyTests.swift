import Testing

@testable import CloudflareAPI

@Test func backoffDoublesUpToTheCapAndStopsAfterTheLastTry() {
    let policy = RetryPolicy(attempts: 6, initialDelay: 1, maximumDelay: 8)
    #expect((1...5).map { policy.delay(after: $0, retryAfter: nil) } == [1, 2, 4, 8, 8])
    #expect(policy.delay(after: 6, retryAfter: nil) == nil)
}

@Test func retryAfterSecondsAreHonouredUpToTheCap() {
    let policy = RetryPolicy(attempts: 3, initialDelay: 1, maximumDelay: 60)
    #expect(policy.delay(after: 1, retryAfter: "0") == 0)
    #expect(policy.delay(after: 1, retryAfter: "17") == 17)
    #expect(policy.delay(after: 2, retryAfter: "3600") == 60)
    // An HTTP date (or anything else) falls back to the backoff.
    #expect(policy.delay(after: 2, retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT") == 2)
}

@Test func onlyRateLimitsAndServerErrorsAreRetried() {
    #expect(RetryPolicy.isRetryable(status: 429))
    #expect(RetryPolicy.isRetryable(status: 500))
    #expect(RetryPolicy.isRetryable(status: 503))
    #expect(!RetryPolicy.isRetryable(status: 400))
    #expect(!RetryPolicy.isRetryable(status: 403))
    #expect(!RetryPolicy.isRetryable(status: 404))
}
