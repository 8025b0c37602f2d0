"""The demo's incident inbox: the alert-notifier's webhook receiver in `docker compose --profile demo`.

Prints every incident it receives (one JSON document per delivery) and answers 200, so that
`docker compose logs -f demo-inbox` shows the incident the replayed attack produced.

Listens on LISTEN_ADDRESS:PORT, by default 0.0.0.0:9000 (what compose's demo-inbox uses); deploy-tests'
ComposeDemoIT runs it on 127.0.0.1 and a free port.
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Inbox(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        try:
            incident = json.loads(body)
            print(f"incident {incident.get('id')} v{incident.get('version')} "
                  f"{incident.get('severity')}: {incident.get('title')}", flush=True)
            print(json.dumps(incident, indent=2), flush=True)
        except ValueError:
            print(f"not JSON ({len(body)} bytes)", flush=True)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):  # health check
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, fmt, *args):
        sys.stderr.write(fmt % args + "\n")


ThreadingHTTPServer(
    (os.environ.get("LISTEN_ADDRESS", "0.0.0.0"), int(os.environ.get("PORT", "9000"))), Inbox
).serve_forever()
