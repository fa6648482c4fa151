# Shell functions the benchmark scripts share (sourced, not run): a server's address once it
# listens, a sign-in, the gate entrance of the demo's zone 1, and passes issued by declarations.

# The address `cordon serve` prints in the file $1, once it listens (10 s at most).
server_base() {
  for _ in $(seq 1 100); do
    grep -q 'listening on' "$1" 2>/dev/null && break
    sleep 0.1
  done
  grep -o 'http://[0-9.:]*' "$1" | head -1
}

# The token of the user $2 (password $3, the demo's by default) signed in at the server $1.
login() {
  curl -fsS -X POST "$1/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"${3:-cordon-demo-2020}\"}" |
    sed -E 's/.*"token":"([^"]+)".*/\1/'
}

# The id of the first entrance of the demo's zone 1 at the server $1, as the token $2 lists them.
gate_entrance() {
  curl -fsS "$1/api/v1/communities/441900003013/entrances" -H "Authorization: Bearer $2" |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.find(e=>e.zone_id===1).id))'
}

# Passes of the first 200 residents of the registry CSV $2, each from a declaration of theirs at
# the server $1, one a line (empty for a row without a phone, or whose ID a later row took).
# (sed, not tail | head: head's early exit would fail the pipeline under pipefail)
make_passes() {
  sed -n '2,201p' "$2" | while IFS=, read -r name id phone _; do
    curl -fs -X POST "$1/api/v1/declarations" -H 'Content-Type: application/json' \
      -d "{\"community_code\":\"441900003013\",\"name\":\"$name\",\"id_number\":\"$id\",\"phone\":\"$phone\",\"temperature\":36.5,\"promise\":true}" |
      sed -E 's/.*"token":"([^"]+)".*/\1/' || true
    echo
  done
}
