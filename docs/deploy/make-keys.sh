#!/usr/bin/env bash
# Makes a site's keys and certificates for the prod profile with OpenSSL 3 (docs/deploy.md, "Keys and
# certificates"). Every run makes NEW keys: keep the CA keys offline, hand out only what each node needs.
#
#   docs/deploy/make-keys.sh site <dir> [--organisation 6101] [--tls-names localhost,127.0.0.1]
#                                       [--townships 610113001,610104003]
#       <dir>/ca/        the site's two CAs: SM2 (signs the gateway's SM2 signing certificate) and ECDSA P-256
#                        (the gateway's ECDSA signing certificate, the TLS server certificate, township clients)
#       <dir>/gateway-sm2.{crt,key}.pem, gateway-ecdsa.{crt,key}.pem   the gateway's signing keys (CN=gateway,
#                        O=<organisation>): ASSISTX_GATEWAY_CERT/_KEY, ASSISTX_GATEWAY_ECDSA_CERT/_KEY
#       <dir>/tls-server.{crt,key}.pem   the API's TLS server certificate (ECDSA, serverAuth, the names as SANs)
#       <dir>/townships/<code>.{crt,key}.pem   a client certificate per township (O=<code>, clientAuth)
#       <dir>/gateway.env                the ASSISTX_* variables naming these files
#   docs/deploy/make-keys.sh certify <site dir> <public key PEM> <out certificate PEM>
#       the gateway's ECDSA signing certificate (CN=gateway) for a public key taken out of a token
#       (docs/deploy.md, "Keys in a token"), signed by the site's ECDSA CA
#   docs/deploy/make-keys.sh partner <dir> <signer> <organisation> [--profile SM2|ECDSA_P256]
#       what a partner (a county bureau, a province) makes on its side, as docs/crypto.md describes: a CA
#       <dir>/root-ca.pem and its signer <dir>/<signer>.{crt,key}.pem (CN=<signer>, the partner folder's
#       crypto.signer), SM2 unless the partner's crypto profile is ECDSA_P256. The gateway gets only
#       root-ca.pem, into the partner folder's trust/.
set -euo pipefail

D=distid:1234567812345678   # the SM2 user id every SM2 signature here uses (GB/T 35276)
ext() { # ext <kind> [SANs]: the extensions of a certificate
  case "$1" in
    ca) printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n' ;;
    authority) printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\n' ;;
    signer) printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' ;;
    server) printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' "$2" ;;
    client) printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' ;;
  esac
}
sm2_ca() { # sm2_ca <base> <subject>
  openssl genpkey -algorithm SM2 -out "$1.key"
  openssl req -new -key "$1.key" -sm3 -sigopt $D -subj "$2" -out "$1.csr"
  openssl x509 -req -in "$1.csr" -key "$1.key" -sm3 -sigopt $D -vfyopt $D -days 3650 -extfile <(ext ca) -out "$1.pem"
  rm "$1.csr"
}
sm2_signer() { # sm2_signer <ca base> <out base> <subject>
  openssl genpkey -algorithm SM2 -out "$2.key.pem"
  openssl req -new -key "$2.key.pem" -sm3 -sigopt $D -subj "$3" -out "$2.csr"
  openssl x509 -req -in "$2.csr" -CA "$1.pem" -CAkey "$1.key" -sm3 -sigopt $D -vfyopt $D -days 825 \
    -extfile <(ext signer) -out "$2.crt.pem"
  rm "$2.csr"
}
ec_ca() { # ec_ca <base> <subject>
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key"
  openssl req -new -x509 -key "$1.key" -sha256 -subj "$2" -days 3650 -addext basicConstraints=critical,CA:TRUE,pathlen:0 \
    -addext keyUsage=critical,keyCertSign,cRLSign -out "$1.pem"
}
ec_cert() { # ec_cert <ca base> <out base> <subject> <kind> [SANs]
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$2.key.pem"
  openssl req -new -key "$2.key.pem" -sha256 -subj "$3" -out "$2.csr"
  openssl x509 -req -in "$2.csr" -CA "$1.pem" -CAkey "$1.key" -sha256 -days 825 -extfile <(ext "$4" "${5:-}") \
    -out "$2.crt.pem"
  rm "$2.csr"
}

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 64; }
[ $# -ge 2 ] || usage
mode=$1 dir=$2; shift 2
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

case "$mode" in
  site)
    org=6101 names=localhost,127.0.0.1 townships=
    while [ $# -gt 0 ]; do
      case "$1" in
        --organisation) org=$2; shift ;;
        --tls-names) names=$2; shift ;;
        --townships) townships=$2; shift ;;
        *) usage ;;
      esac
      shift
    done
    mkdir -p "$dir/ca" "$dir/townships"
    sm2_ca "$dir/ca/sm2-root" "/C=CN/O=$org/CN=AssistX $org SM2 CA"
    ec_ca "$dir/ca/ecdsa-root" "/C=CN/O=$org/CN=AssistX $org ECDSA CA"
    sm2_signer "$dir/ca/sm2-root" "$dir/gateway-sm2" "/C=CN/O=$org/CN=gateway"
    ec_cert "$dir/ca/ecdsa-root" "$dir/gateway-ecdsa" "/C=CN/O=$org/CN=gateway" signer
    sans=$(echo "$names" | tr ',' '\n' | awk '{ printf "%s%s:%s", (NR > 1 ? "," : ""), ($0 ~ /^[0-9.]+$|:/ ? "IP" : "DNS"), $0 }')
    ec_cert "$dir/ca/ecdsa-root" "$dir/tls-server" "/C=CN/O=$org/CN=${names%%,*}" server "$sans"
    for t in ${townships//,/ }; do
      ec_cert "$dir/ca/ecdsa-root" "$dir/townships/$t" "/C=CN/O=$t/CN=$t" client
    done
    cat >"$dir/gateway.env" <<ENV
ASSISTX_GATEWAY_CERT=$dir/gateway-sm2.crt.pem
ASSISTX_GATEWAY_KEY=$dir/gateway-sm2.key.pem
ASSISTX_GATEWAY_ECDSA_CERT=$dir/gateway-ecdsa.crt.pem
ASSISTX_GATEWAY_ECDSA_KEY=$dir/gateway-ecdsa.key.pem
ASSISTX_TLS_CERT=$dir/tls-server.crt.pem
ASSISTX_TLS_KEY=$dir/tls-server.key.pem
ASSISTX_TLS_CLIENT_CA=$dir/ca/ecdsa-root.pem
ENV
    echo "site keys for $org in $dir (CA keys in $dir/ca: keep them offline)"
    ;;
  certify)
    [ $# -eq 2 ] || usage
    pub=$1 out=$2
    org=$(openssl x509 -in "$dir/gateway-ecdsa.crt.pem" -noout -subject -nameopt sep_multiline | awk -F= '/ O=/ { print $2 }')
    # the request only carries the subject: the certified key is the token's (-force_pubkey)
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$out.tmp.key"
    openssl req -new -key "$out.tmp.key" -sha256 -subj "/C=CN/O=$org/CN=gateway" -out "$out.csr"
    openssl x509 -req -in "$out.csr" -force_pubkey "$pub" -CA "$dir/ca/ecdsa-root.pem" -CAkey "$dir/ca/ecdsa-root.key" \
      -sha256 -days 825 -extfile <(ext signer) -out "$out"
    rm "$out.tmp.key" "$out.csr"
    echo "certified $pub as the gateway's ECDSA signing certificate: $out"
    ;;
  partner)
    [ $# -eq 2 ] || [ $# -eq 4 ] || usage
    signer=$1 org=$2 profile=${4:-SM2}
    [ $# -eq 2 ] || [ "$3" = --profile ] || usage
    case "$profile" in
      SM2) sm2_ca "$dir/root-ca" "/C=CN/O=$org/CN=$signer CA"
           sm2_signer "$dir/root-ca" "$dir/$signer" "/C=CN/O=$org/CN=$signer" ;;
      ECDSA_P256) ec_ca "$dir/root-ca" "/C=CN/O=$org/CN=$signer CA"
           ec_cert "$dir/root-ca" "$dir/$signer" "/C=CN/O=$org/CN=$signer" signer ;;
      *) usage ;;
    esac
    echo "partner keys for $signer ($org) in $dir: give the gateway $dir/root-ca.pem only"
    ;;
  authority)
    name="AssistX federation directory authority"
    [ $# -eq 0 ] || { [ $# -eq 2 ] && [ "$1" = --name ]; } || usage
    [ $# -eq 0 ] || name=$2
    openssl genpkey -algorithm SM2 -out "$dir/authority.key.pem"
    openssl req -new -key "$dir/authority.key.pem" -sm3 -sigopt $D -subj "/C=CN/CN=$name" -out "$dir/authority.csr"
    openssl x509 -req -in "$dir/authority.csr" -key "$dir/authority.key.pem" -sm3 -sigopt $D -vfyopt $D -days 3650 \
      -extfile <(ext authority) -out "$dir/authority.crt.pem"
    rm "$dir/authority.csr"
    echo "directory authority in $dir: give every member $dir/authority.crt.pem only"
    ;;
  *) usage ;;
esac
