"""Posts batches of 1,000 events to a running Cerchio and prints events/s. Used by events-ingest.sh."""
import json, random, sys, time, urllib.request
from concurrent.futures import ThreadPoolExecutor

url, key, batches, clients = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
run = random.randint(0, 10**9)

def body(b):
    return json.dumps({"events": [{"id": f"{run}-{b}-{i}", "type": "order_placed",
        "customer": {"external_id": f"CLI-{10000 + (i % 300)}"}, "occurred_at": "2026-10-01T08:00:00Z",
        "touchpoint": "punto-vendita", "properties": {"numero": f"{b}/{i}", "importo": 100.5}} for i in range(1000)]}).encode()

def post(data):
    request = urllib.request.Request(url + "/api/v1/events", data, {"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    result = json.load(urllib.request.urlopen(request))
    assert result["accepted"] == 1000, result

bodies = [body(b) for b in range(batches + 1)]   # built before timing: the client's JSON is not the server's cost
post(bodies[0])                                    # warm-up
start = time.time()
with ThreadPoolExecutor(clients) as pool:
    list(pool.map(post, bodies[1:]))
elapsed = time.time() - start
print(f"{batches * 1000} events in {elapsed:.2f} s with {clients} client(s): {batches * 1000 / elapsed:,.0f} events/s")
