#!/usr/bin/env python3
"""A webhook receiver to try CornerSpot's webhooks on your machine: prints each delivery and checks its
Standard Webhooks signature (HMAC-SHA256 over "webhook-id.webhook-timestamp.body", keyed with the secret).

    WEBHOOK_SECRET='whsec_…' python3 docs/webhook-receiver.py 8787

Answers 204 to a delivery that verifies, 401 to one that does not (CornerSpot then retries it).
"""
import base64, hashlib, hmac, http.server, json, os, sys, time

SECRET = os.environ.get("WEBHOOK_SECRET", "")
KEY = base64.b64decode(SECRET.removeprefix("whsec_")) if SECRET else None
TOLERANCE_SECONDS = 5 * 60


def verified(msg_id, timestamp, signatures, body):
    if KEY is None or not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(s[3:], expected) for s in signatures.split() if s.startswith("v1,"))


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        ok = verified(self.headers.get("webhook-id", ""), self.headers.get("webhook-timestamp", ""),
                      self.headers.get("webhook-signature", ""), body)
        event = json.loads(body or b"{}")
        print(f"{'verified' if ok else 'NOT VERIFIED'} {self.headers.get('webhook-id')} {event.get('type')}")
        print(json.dumps(event.get("data"), indent=2), flush=True)
        self.send_response(204 if ok else 401)
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8787
    if KEY is None:
        print("WEBHOOK_SECRET is not set: every delivery will show as NOT VERIFIED.", file=sys.stderr)
    print(f"Listening on http://127.0.0.1:{port}/", flush=True)
    http.server.HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
