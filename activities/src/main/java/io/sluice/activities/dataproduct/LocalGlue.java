package io.sluice.activities.dataproduct;

/**
 * For the local stand-in only: its Glue reports a successful last crawl as {@code COMPLETED},
 * where Glue's {@code LastCrawlInfo.Status} says {@code SUCCEEDED}. Nothing here runs on AWS.
 */
final class LocalGlue {
    private LocalGlue() {}

    static boolean crawlSucceeded(String lastCrawlStatus) {
        return "COMPLETED".equals(lastCrawlStatus);
    }
}
