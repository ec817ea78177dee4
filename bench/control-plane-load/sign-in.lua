-- wrk script for bench/control-plane: the documented sign-in form, POSTed over and over by the
-- good client. Only 200 answers count as sign-ins; the rest are reported apart.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "username=" .. os.getenv("BENCH_USER") .. "&password=" .. os.getenv("BENCH_PASSWORD_FORM") .. "&token=true"

function done(summary, latency, requests)
  local refused = summary.errors.status
  local seconds = summary.duration / 1e6
  io.write(string.format("SIGNINS ok=%d refused=%d seconds=%.2f p50_ms=%.1f\n",
    summary.requests - refused, refused, seconds, latency:percentile(50) / 1000))
end
