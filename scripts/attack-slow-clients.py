#!/usr/bin/env python3
"""Slow clients against a running server: many connections that start a request and never
finish it (slowloris), and one that drips a body. Normal requests must still be answered
quickly meanwhile, and the stalled connections must be closed by the server's idle timeout
(ServerLimits.idleTimeout, 30 s).
    scripts/attack-slow-clients.py PORT [CONNECTIONS]"""
import socket, sys, time, urllib.request

port = int(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
stalled = []
for i in range(count):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # headers never finished
    stalled.append(s)
drip = socket.create_connection(("127.0.0.1", port), timeout=5)
drip.sendall(b"POST /api/v1/price HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\nContent-Length: 100000\r\n\r\nid: x")

latencies = []
for _ in range(20):
    start = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as reply:
        assert reply.status == 200
    latencies.append((time.perf_counter() - start) * 1000)
latencies.sort()
print(f"slow clients: {count} stalled connections and one dripping a body open; /health answered 20 of 20, "
      f"median {latencies[10]:.1f} ms, worst {latencies[-1]:.1f} ms")

deadline = time.time() + 45
open_ones = list(stalled) + [drip]
while open_ones and time.time() < deadline:
    still = []
    for s in open_ones:
        s.settimeout(0.05)
        try:
            data = s.recv(4096)
            if data == b"" or data.startswith(b"HTTP/1.1 4"):
                s.close()
                continue
        except socket.timeout:
            pass
        except OSError:
            s.close()
            continue
        still.append(s)
    open_ones = still
    if open_ones:
        time.sleep(1)
closed_after = 45 - max(0, deadline - time.time())
if open_ones:
    print(f"slow clients: {len(open_ones)} connections still open after 45 s")
    sys.exit(1)
print(f"slow clients: all {count + 1} closed by the server within {closed_after:.0f} s")
