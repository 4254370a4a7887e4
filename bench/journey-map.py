"""Measures the journey map over HTTP against a running Cerchio (journey-map.sh starts it on the desk's data set).

usage: journey-map.py prepare <url> <email> <password> <cookie file>
       journey-map.py measure <url> <api key> <cookie file> <journey id> <server log> <seconds per workload>

prepare signs in, opens the journeys list (the app makes the default journey on the first visit), writes the session
cookie to the file and prints the default journey's id. measure runs wrk (one connection, one thread, for the given
seconds) on the map page and on GET /api/v1/touchpoints/metrics over a year and over 30 days, and reports the client's
p50/p95 (wrk) and the server's (the Hosting.Diagnostics "Request finished" times in the server's JSON log, which
journey-map.sh turns on)."""
import datetime, json, os, re, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(__file__))
from desk import Client, percentiles, report, server_times, sign_in  # noqa: E402

WRK_REPORT = """done = function(summary, latency, requests)
  io.write(string.format("wrk %d %d %.3f %.3f\\n", summary.requests, summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000))
end
"""


def prepare(url, email, password, cookie_file):
    cookie = sign_in(url, email, password)
    _, page = Client(url, {"Cookie": cookie}).request("GET", "/viaggi/mappe")
    with open(cookie_file, "w") as f:
        f.write(cookie)
    # The default journey is made first, so it is the list's first map.
    print(re.search(rb'href="/viaggi/mappe/([0-9a-f-]{36})"', page).group(1).decode())


def measure(url, key, cookie_file, journey, log, seconds):
    cookie = open(cookie_file).read().strip()
    today = datetime.date.today()
    year, month = (today - datetime.timedelta(days=364)).isoformat(), (today - datetime.timedelta(days=29)).isoformat()
    workloads = [
        ("API, a year", f"/api/v1/touchpoints/metrics?from={year}&to={today}", {"Authorization": "Bearer " + key}),
        ("API, 30 days", f"/api/v1/touchpoints/metrics?from={month}&to={today}", {"Authorization": "Bearer " + key}),
        ("map page, a year", f"/viaggi/mappe/{journey}?dal={year}&al={today}", {"Cookie": cookie}),
        ("map page, 30 days", f"/viaggi/mappe/{journey}?dal={month}&al={today}", {"Cookie": cookie}),
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    for label, path, headers in workloads:
        _, body = Client(url, headers).request("GET", path)   # warm-up, and what is measured
        if path.startswith("/api/"):
            found = json.loads(body)["touchpoints"]
            extra = f"{len(found)} touchpoints, {sum(n['value'] for t in found for n in t['metrics'] if n['key'] == 'cases'):,.0f} cases"
        else:
            extra = f"{body.count(b'data-touchpoint=')} cards, {len(body) // 1024} KB"
        offset = os.path.getsize(log)
        out = subprocess.run(["wrk", "-t1", "-c1", f"-d{seconds}s", "--timeout", "120s", "-s", script.name]
                             + [a for k, v in headers.items() for a in ("-H", f"{k}: {v}")] + [url + path],
                             check=True, capture_output=True, text=True).stdout
        requests, errors, p50, p95 = re.search(r"^wrk (\d+) (\d+) ([\d.]+) ([\d.]+)$", out, re.M).groups()
        if int(errors):
            sys.exit(f"{label}: {errors} of {requests} requests failed")
        # wrk's last request may be cut off at the deadline and go on in the server: only the ones wrk counted.
        server = server_times(log, offset, path)[:int(requests)]
        report(f"{label}, server", percentiles(server) if server else (float("nan"),) * 2, f"{len(server)} requests; {extra}")
        report(f"{label}, client (wrk)", (float(p50), float(p95)))
    os.remove(script.name)


if __name__ == "__main__":
    command, args = sys.argv[1] if len(sys.argv) > 1 else "", sys.argv[2:]
    if command == "prepare" and len(args) == 4:
        prepare(*args)
    elif command == "measure" and len(args) == 6:
        measure(*args[:5], int(args[5]))
    else:
        sys.exit(__doc__)
