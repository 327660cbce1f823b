/// The report's inline style sheet: a light, print-friendly layout using the system's fonts (nothing is fetched).
/// Every table fits a 1,024 px window (the wide what-if table with tighter cells; `.table-wrap` scrolls only below
/// that), and tokens in `<code>` (addresses, paths, rule ids) never wrap inside; example requests wrap at spaces and
/// at the `<wbr>` break points `HTMLText.breakable` puts after separators.
enum ReportStyle {
    static let css = """
        :root{color-scheme:light}
        *{box-sizing:border-box}
        body{margin:0;background:#fff;color:#1f2933;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,\
        "Helvetica Neue",Arial,sans-serif}
        main{max-width:1040px;margin:0 auto;padding:24px 32px 64px}
        h1{font-size:28px;margin:8px 0 4px}
        h2{font-size:20px;margin:40px 0 8px;padding-top:8px;border-top:1px solid #e4e7eb}
        .subtitle{color:#52606d;margin:0 0 16px}
        nav ul{list-style:none;padding:0;margin:0 0 8px;display:flex;flex-wrap:wrap;gap:4px 16px}
        nav a{color:#2f5f8a}
        .caption{color:#3e4c59;margin:4px 0 8px;max-width:880px}
        figure{margin:12px 0}
        svg.chart{display:block;max-width:100%;height:auto;background:#fff}
        svg.chart text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:#323f4b}
        svg.chart .axis-title{font-weight:600;fill:#52606d}
        svg.chart .reference{font-weight:600}
        svg.chart .grid{stroke:#e4e7eb;stroke-width:1}
        svg.chart .baseline,svg.chart .tick{stroke:#7b8794;stroke-width:1}
        .figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:12px;margin:16px 0}
        .figures div{border:1px solid #e4e7eb;border-radius:6px;padding:10px 12px;background:#f8fafc}
        .figures dt{color:#52606d;font-size:13px}
        .figures dd{margin:2px 0 0;font-size:20px;font-weight:600;font-variant-numeric:tabular-nums}
        .table-wrap{overflow-x:auto}
        table{border-collapse:collapse;margin:12px 0;font-size:14px}
        th,td{padding:5px 10px;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top}
        table[data-table="what-if"]{width:100%;font-size:13px}
        table[data-table="what-if"] th,table[data-table="what-if"] td{padding:4px 6px}
        th{background:#f5f7fa;font-weight:600}
        .num{text-align:right;font-variant-numeric:tabular-nums}
        td.num{white-space:nowrap}
        tr.muted td,li.muted{color:#7b8794}
        tr.total td{font-weight:600;border-bottom:2px solid #cbd2d9}
        code{font:12px ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;white-space:nowrap}
        code.example{white-space:normal;overflow-wrap:normal;word-break:normal}
        details.scenario{margin:8px 0;border:1px solid #e4e7eb;border-radius:6px;padding:4px 12px}
        details.scenario>summary{cursor:pointer;padding:4px 0;font-weight:600}
        details.scenario>summary span{font-weight:400;color:#52606d}
        h3{font-size:16px;margin:20px 0 4px}
        article.diff-group{margin:16px 0;padding:8px 12px;border:1px solid #e4e7eb;border-radius:6px;overflow-x:auto}
        article.diff-group h3{margin:4px 0;font-weight:400}
        article.diff-group h3 code{font-size:13px}
        dl.breakdown{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:8px 0}
        dl.breakdown dt{color:#52606d}
        dl.breakdown dd{margin:0;min-width:0}
        ol.top,ul.examples{margin:0;padding:0;list-style:none}
        ol.top{display:flex;flex-wrap:wrap;gap:2px 16px}
        .count{color:#52606d;font-variant-numeric:tabular-nums}
        .empty{color:#52606d;font-style:italic}
        @media print{main{padding:0}h2{break-after:avoid}figure,table,article.diff-group{break-inside:avoid}}
        """
}
