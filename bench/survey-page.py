"""Measures the public survey page and the text analysis over HTTP against a running Cerchio (survey-page.sh starts it).

usage: survey-page.py <url> <api key> <server log> <seconds per workload>

Finds the demo company's live surveys through the API, then, each with wrk (one connection, one thread, for the given
seconds): the response page as a first visit (no cookie: every request is a new respondent's), the one-tap score
(POST of the score alone, as the email's link and the page's buttons send it; each makes an answer), and
POST /api/v1/text/analyze with batches of 100 comments drawn from the project's labelled corpus. Reports the client's
p50/p95 (wrk), the server's (the Hosting.Diagnostics "Request finished" times in its JSON log) and, for the page,
the bytes a phone downloads for it: the status line, headers and body, as sent (no script, font or stylesheet follows)."""
import csv, json, os, random, re, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(__file__))
from desk import Client, percentiles, report, server_times  # noqa: E402

CORPUS = os.path.join(os.path.dirname(__file__), "..", "src", "Modules", "Cerchio.Feedback", "TextAnalysis", "Corpus")

WRK = """wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.body = os.getenv("BENCH_BODY")
if wrk.body then wrk.headers["Content-Type"] = os.getenv("BENCH_TYPE") end
done = function(summary, latency, requests)
  io.write(string.format("wrk %d %d %.3f %.3f\\n", summary.requests, summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


# A score each kind's scale takes (NPS 0–10, CSAT 1–5, CES 1–7).
GOOD = {"nps": 8, "csat": 4, "ces": 5}


def comments(n):
    """n Italian comments of the labelled corpus (training and evaluation alike: here they are only load)."""
    texts = []
    for name in ("train.tsv", "eval.tsv"):
        with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
            texts += [row["text"] for row in csv.DictReader(f, delimiter="\t") if row["language"] == "it"]
    random.Random(7).shuffle(texts)
    return (texts * (n // len(texts) + 1))[:n]


def wrk(url, path, seconds, script, headers=None, method="GET", body=None, content_type=None):
    env = {**os.environ, "BENCH_METHOD": method}
    if body is not None:
        env.update(BENCH_BODY=body, BENCH_TYPE=content_type)
    out = subprocess.run(["wrk", "-t1", "-c1", f"-d{seconds}s", "--timeout", "60s", "-s", script]
                         + [a for k, v in (headers or {}).items() for a in ("-H", f"{k}: {v}")] + [url + path],
                         check=True, capture_output=True, text=True, env=env).stdout
    requests, errors, p50, p95 = re.search(r"^wrk (\d+) (\d+) ([\d.]+) ([\d.]+)$", out, re.M).groups()
    return int(requests), int(errors), float(p50), float(p95)


def measure(url, key, log, seconds):
    api = Client(url, {"Authorization": "Bearer " + key, "Accept": "application/json"})
    _, body = api.request("GET", "/api/v1/surveys")
    surveys = [s for s in json.loads(body) if s["status"] == "live"]
    if not surveys:
        sys.exit("the demo company has no live survey")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK)

    for survey in surveys:
        path = urllib_path(survey["public_url"])
        response, page = Client(url, {}).request("GET", path)
        head = len(f"HTTP/1.1 {response.status} {response.reason}\r\n") + sum(len(f"{k}: {v}\r\n") for k, v in response.getheaders()) + 2
        extra = f"{(head + len(page)) / 1024:.1f} KB transferred ({len(page):,} B body), {survey['kind']}"
        for label, method, body in [("page, first visit", "GET", None), ("one-tap score", "POST", f"passo=punteggio&punteggio={GOOD[survey['kind']]}")]:
            offset = os.path.getsize(log)
            requests, errors, p50, p95 = wrk(url, path, seconds, script.name, method=method, body=body,
                                             content_type="application/x-www-form-urlencoded")
            # wrk counts as errors only statuses of 400 and above and timeouts: the score's 303 is a success.
            if errors:
                sys.exit(f"{survey['name']}, {label}: {errors} of {requests} requests failed")
            server = server_times(log, offset, path)[:requests]
            report(f"{survey['name'][:24]}: {label}, server", percentiles(server) if server else (float("nan"),) * 2,
                   f"{len(server)} requests; " + (extra if method == "GET" else f"{requests / seconds:.0f} answers/s"))
            report(f"{survey['name'][:24]}: {label}, client (wrk)", (p50, p95))

    batch = json.dumps({"texts": comments(100), "language": "it"})
    # The first analysis loads the organization's model: a warm-up, timed apart.
    started = time.time()
    api.request("POST", "/api/v1/text/analyze", batch, {"Content-Type": "application/json"})
    print(f"  text analysis, first batch (loads the model): {time.time() - started:.1f} s")
    offset = os.path.getsize(log)
    requests, errors, p50, p95 = wrk(url, "/api/v1/text/analyze", seconds, script.name, {"Authorization": "Bearer " + key},
                                     "POST", batch, "application/json")
    if errors:
        sys.exit(f"text analysis: {errors} of {requests} requests failed")
    server = server_times(log, offset, "/api/v1/text/analyze")[:requests]
    report("text analysis, 100 comments, server", percentiles(server), f"{requests * 100 / seconds:,.0f} comments/s")
    report("text analysis, 100 comments, client (wrk)", (p50, p95))
    os.remove(script.name)


def urllib_path(address):
    import urllib.parse
    parts = urllib.parse.urlsplit(address)
    return parts.path + (f"?{parts.query}" if parts.query else "")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    measure(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
