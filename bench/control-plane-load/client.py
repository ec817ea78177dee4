"""Load clients of bench/control-plane that wrk (Debian's 4.x, no fixed-rate mode) cannot be.

  paced URL TOKEN RATE SECONDS     GETs URL with the bearer TOKEN at a fixed RATE per second over
                                   keep-alive connections; latency is counted from each request's
                                   scheduled start, so a slow answer also charges the ones it delays.
  flood URL SOURCE_IP RATE SECONDS failed sign-ins (made-up names, wrong password) from SOURCE_IP,
                                   another loopback address than the good clients'; RATE 0 = as fast
                                   as one connection goes, SECONDS may be a request count as "nN".
Each prints one line of key=value figures.
"""
import http.client
import statistics
import sys
import threading
import time
import urllib.parse


def connect(url, source_ip=None):
    parts = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=10,
                                      source_address=(source_ip, 0) if source_ip else None), parts.path


def paced(url, token, rate, seconds):
    total = int(rate * seconds)
    latencies, failures = [], 0
    lock = threading.Lock()
    start = time.perf_counter() + 0.1
    workers = 4  # enough connections that one slow answer does not stall the schedule

    def work(index):
        nonlocal failures
        conn, path = connect(url)
        for i in range(index, total, workers):
            due = start + i / rate
            wait = due - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
            conn.request("GET", path, headers={"Authorization": "Bearer " + token})
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - due
            with lock:
                latencies.append(elapsed * 1000)
                failures += response.status != 200

    threads = [threading.Thread(target=work, args=(w,)) for w in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    wall = time.perf_counter() - start
    print(f"READS requests={total} failed={failures} achieved_per_s={total / wall:.1f} "
          f"p50_ms={statistics.median(latencies):.2f} p99_ms={latencies[int(len(latencies) * 0.99) - 1]:.2f}")


def flood(url, source_ip, rate, length):
    conn, path = connect(url, source_ip)
    count = int(length[1:]) if length.startswith("n") else None
    end = None if count is not None else time.perf_counter() + float(length)
    statuses, i = {}, 0
    start = time.perf_counter()
    while (count is None or i < count) and (end is None or time.perf_counter() < end):
        if rate > 0:
            wait = start + i / rate - time.perf_counter()
            if wait > 0:
                time.sleep(wait)
        body = urllib.parse.urlencode({"username": f"flood-{i}", "password": "not the password", "token": "true"})
        conn.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
        response = conn.getresponse()
        response.read()
        statuses[response.status] = statuses.get(response.status, 0) + 1
        i += 1
    print(f"FLOOD requests={i} " + " ".join(f"status_{s}={n}" for s, n in sorted(statuses.items())))


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "paced":
        paced(args[0], args[1], float(args[2]), float(args[3]))
    elif mode == "flood":
        flood(args[0], args[1], float(args[2]), args[3])
    else:
        sys.exit(f"unknown mode {mode}")
