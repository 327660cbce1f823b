/// The cache hit ratio over time: requests served from cache over cacheable requests, with gaps where nothing was
/// cacheable.
enum CacheChartSection {
    /// The chart of `summary`'s timeline; nil when no request was cacheable.
    static func section(_ summary: ReplaySummary) -> ReportSection? {
        let timeline = summary.timeline
        guard let time = TimeAxis(timeline) else { return nil }
        let served = time.buckets.sums(timeline.servedFromCache)
        let cacheable = time.buckets.sums(timeline.cacheable)
        let ratios: [Double?] = zip(served, cacheable).map { $1 > 0 ? $0 / $1 : nil }
        let series = ChartSeries(
            id: "cache-hit-ratio", label: "served from cache ÷ cacheable", color: ChartPalette.green, style: .line,
            values: ratios)
        guard series.hasData else { return nil }
        let chart = TimeSeriesChart(
            name: "cache-hit-ratio", title: "Cache hit ratio over time", time: time, valueTitle: "cache hit ratio",
            valueFormat: .percent, fixedAxis: .fraction, series: [series])
        let captions = [
            "Requests served from cache (HIT, STALE, UPDATING, REVALIDATED) over cacheable requests (those plus MISS "
                + "and EXPIRED), \(time.perBucket); the line breaks where nothing was cacheable.",
            "Over the whole replay: \(ReportFormat.percent(summary.cacheHitRatio)) of cacheable requests, "
                + "\(ReportFormat.percent(summary.cacheHitRatioByBytes)) of bytes.",
        ]
        return ReportSection(
            id: "cache", title: "Cache hit ratio", captions: captions, body: ReportSection.figure(chart.svg()))
    }
}
