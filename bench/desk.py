"""Measures the service desk over HTTP against a running Cerchio (desk.sh starts it on a generated data set).

usage: desk.py measure <url> <api key> <email> <password> <case number with 20 messages> [runs]
       desk.py raw-sqlite <database file> [runs]

Latencies are client-side on 127.0.0.1 over one kept-alive connection (Cerchio sends no Server-Timing header): p50
and p95 of `runs` requests after one warm-up. Throughputs use two client threads, each with its own connection."""
import http.client, json, os, re, sqlite3, statistics, sys, threading, time, urllib.parse

# The planted words of desk-data.py (10%, 1%, 0.1%, 0.01% of messages), vocabulary words, a typed prefix, no match.
QUERIES = ["consegna", "consegne", "garanzia rotto", "rimborso", "zanzariera", "cons", "divano graffiato", "fattura errata", "xyzzy"]
INBOX = [
    ("default view (open, by SLA due)", "/assistenza"),
    ("mine", "/assistenza?vista=mie"),
    ("unassigned", "/assistenza?vista=non-assegnate"),
    ("due soon or breached", "/assistenza?vista=in-scadenza"),
    ("open, urgent, email", "/assistenza?priorita=urgent&canale=email"),
    ("waiting on customer", "/assistenza?vista=attesa-cliente"),
]
CORPUS = os.path.join(os.path.dirname(__file__), "..", "tests", "Cerchio.Tests", "Service", "InboundMail")


class Client:
    """One kept-alive connection; every answer must be the expected status."""

    def __init__(self, url, headers):
        self.host = urllib.parse.urlsplit(url).netloc
        self.headers = headers
        self.connection = http.client.HTTPConnection(self.host, timeout=60)

    def request(self, method, path, body=None, headers=None, expect=(200,)):
        self.connection.request(method, path, body, {**self.headers, **(headers or {})})
        response = self.connection.getresponse()
        data = response.read()
        if response.status not in expect:
            sys.exit(f"{method} {path}: {response.status} {data[:300]!r}")
        return response, data


def sign_in(url, email, password):
    """The sign-in form as a browser posts it; the session and antiforgery cookies come back as a Cookie header."""
    client = Client(url, {})
    response, page = client.request("GET", "/accedi")
    cookies = {c.split("=", 1)[0]: c.split(";", 1)[0].split("=", 1)[1] for c in response.headers.get_all("Set-Cookie") or []}
    fields = dict(re.findall(rb'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    form = {k.decode(): v.decode() for k, v in fields.items()}
    form.update({"Input.Email": email, "Input.Password": password})
    response, _ = client.request("POST", "/accedi", urllib.parse.urlencode(form), {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}, expect=(302, 303))
    for c in response.headers.get_all("Set-Cookie") or []:
        cookies[c.split("=", 1)[0]] = c.split(";", 1)[0].split("=", 1)[1]
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def server_times(log, offset, path):
    """The elapsed times the server logged for the requests to path written after offset."""
    times = []
    with open(log, "rb") as f:
        f.seek(offset)
        for line in f:
            if b'"Request finished' not in line:
                continue
            state = json.loads(line).get("State", {})
            if state.get("Path", "") + state.get("QueryString", "") == path:
                times.append(float(state["ElapsedMilliseconds"]))
    return times


def percentiles(times):
    times = sorted(times)
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def timed(client, path, runs):
    _, body = client.request("GET", path)   # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.request("GET", path)
        times.append((time.perf_counter() - start) * 1000)
    return body, percentiles(times)


def report(label, p50_p95, extra=""):
    print(f"  {label:46} p50 {p50_p95[0]:7.1f} ms  p95 {p50_p95[1]:7.1f} ms  {extra}")


def in_parallel(clients, work):
    """Runs work(client, i) over the items split between the clients; returns the seconds taken."""
    start = time.time()
    threads = [threading.Thread(target=work, args=(c, n)) for n, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.time() - start


def measure(url, key, email, password, number, runs):
    api = Client(url, {"Authorization": "Bearer " + key})
    browser = Client(url, {"Cookie": sign_in(url, email, password)})
    print("inbox, first page of 50 (whole page: the views' counts, the rows, their customers)")
    for label, path in INBOX:
        page, p = timed(browser, path, runs)
        report(label, p, f"{page.count(b'/assistenza/pratiche/') // 2} rows")
    print("case page")
    entries = json.loads(api.request("GET", f"/api/v1/cases/{number}/entries")[1])
    page, p = timed(browser, f"/assistenza/pratiche/{number}", runs)
    report(f"case {number}, {len(entries)} entries (page)", p)
    report(f"case {number} (GET /api/v1/cases/{number}/entries)", timed(api, f"/api/v1/cases/{number}/entries", runs)[1])
    print("search (GET /api/v1/search: cases, messages and customers)")
    for query in QUERIES:
        body, p = timed(api, "/api/v1/search?q=" + urllib.parse.quote(query), runs)
        found = json.loads(body)
        report(repr(query), p, f"cases {len(found['cases'])} messages {len(found['messages'])} customers {len(found['customers'])}")

    total = 1000
    bodies = [json.dumps({"subject": f"Bench {i}: divano arrivato graffiato", "channel": "email", "priority": "normal",
                          "customer": {"external_id": f"CLI-{100000 + i % 5000}"}, "text": "Il divano è arrivato con un graffio sul bracciolo."})
              for i in range(total)]
    clients = [Client(url, {"Authorization": "Bearer " + key, "Content-Type": "application/json"}) for _ in range(2)]
    clients[0].request("POST", "/api/v1/cases", bodies[0], expect=(201,))   # warm-up
    seconds = in_parallel(clients, lambda c, n: [c.request("POST", "/api/v1/cases", b, expect=(201,)) for b in bodies[1 + n::2]])
    print(f"case creation, POST /api/v1/cases, 2 clients: {total - 1} cases in {seconds:.2f} s = {(total - 1) / seconds:,.0f} cases/s")

    corpus = [open(os.path.join(CORPUS, f), "rb").read() for f in sorted(os.listdir(CORPUS)) if f.endswith(".eml")]
    run = int(time.time())
    mails = []
    for i in range(600):
        raw = corpus[i % len(corpus)]
        # A new Message-ID each time, or the second copy is a duplicate and stores nothing.
        raw = re.sub(rb"(?im)^Message-ID:.*\r?\n", b"", raw, count=1)
        mails.append(f"Message-ID: <bench-{run}-{i}@esempio.it>\r\n".encode() + raw)
    outcomes = {}
    lock = threading.Lock()

    def post(client, n):
        for raw in mails[1 + n::2]:
            outcome = json.loads(client.request("POST", "/api/v1/inbound/email", raw, {"Content-Type": "message/rfc822"}, expect=(200, 422))[1])["outcome"]
            with lock:
                outcomes[outcome] = outcomes.get(outcome, 0) + 1

    clients = [Client(url, {"Authorization": "Bearer " + key}) for _ in range(2)]
    clients[0].request("POST", "/api/v1/inbound/email", mails[0], {"Content-Type": "message/rfc822"}, expect=(200, 422))   # warm-up
    seconds = in_parallel(clients, post)
    print(f"inbound email parsed and stored, POST /api/v1/inbound/email (message/rfc822, the {len(corpus)}-message test corpus), 2 clients: "
          f"{len(mails) - 1} in {seconds:.2f} s = {(len(mails) - 1) / seconds:,.0f} messages/s {outcomes}")


def raw_sqlite(target, runs):
    """The bare FTS5 queries on the same index: ranking every match, and the newest 1,000 as DeskSearch does."""
    db = sqlite3.connect(target)
    for query in QUERIES:
        match = " ".join(f'"{w[:-1] if len(w) >= 5 and w[-1] in "aeiou" else w}"*' for w in query.split())
        for label, sql in [("all ranked, top 20", 'SELECT rowid FROM "CaseEntriesSearch" WHERE "CaseEntriesSearch" MATCH ? ORDER BY bm25("CaseEntriesSearch") LIMIT 20'),
                           ("newest 1,000 ranked", 'SELECT rowid, bm25("CaseEntriesSearch") FROM "CaseEntriesSearch" WHERE "CaseEntriesSearch" MATCH ? ORDER BY rowid DESC LIMIT 1000')]:
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                db.execute(sql, (match,)).fetchall()
                times.append((time.perf_counter() - start) * 1000)
            matches = db.execute('SELECT count(*) FROM "CaseEntriesSearch" WHERE "CaseEntriesSearch" MATCH ?', (match,)).fetchone()[0]
            report(f"raw {query!r} {label}", percentiles(times), f"{matches:,} matches")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "measure":
        measure(args[0], args[1], args[2], args[3], int(args[4]), int(args[5]) if len(args) > 5 else 30)
    elif command == "raw-sqlite":
        raw_sqlite(args[0], int(args[1]) if len(args) > 1 else 10)
    else:
        sys.exit(__doc__)
