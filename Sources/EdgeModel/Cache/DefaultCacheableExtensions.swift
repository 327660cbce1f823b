/// The file extensions Cloudflare caches without any cache rule (docs/cloudflare-semantics.md, "Default cache
/// behaviour"); HTML and JSON are not among
/// them, `robots.txt` is cached too.
enum DefaultCacheableExtensions {
    /// The lowercase extensions.
    static let all: Set<[UInt8]> = Set(
        [
            "7z", "avi", "avif", "apk", "bin", "bmp", "bz2", "class", "css", "csv", "doc", "docx", "dmg", "ejs", "eot",
            "eps", "exe", "flac", "gif", "gz", "ico", "iso", "jar", "jpg", "jpeg", "js", "mid", "midi", "mkv", "mp3",
            "mp4",
            "ogg", "otf", "pdf", "pict", "pls", "png", "ppt", "pptx", "ps", "rar", "svg", "svgz", "swf", "tar", "tif",
            "tiff", "ttf", "webm", "webp", "woff", "woff2", "xls", "xlsx", "zip", "zst",
        ].map { Array($0.utf8) })

    private static let robots = Array("/robots.txt".utf8)

    /// Whether a request for `path` (normalised) with lowercase `extension` is cached by default.
    @inline(__always)
    static func contains(extension pathExtension: [UInt8], path: [UInt8]) -> Bool {
        if pathExtension.isEmpty { return false }
        return all.contains(pathExtension) || path == robots
    }
}
