#!/usr/bin/env bash
# Remakes the THROWAWAY sample PKI in certs-sample/sm2 and certs-sample/ecdsa (see README.md here).
# Every run creates new keys and certificates: commit the result, and rerun the crypto tests.
# Usage (from anywhere in a checkout): certs-sample/make-certs.sh
set -euo pipefail

cd "$(dirname "$0")/.."

mvn -B -q -DskipTests compile
mvn -B -q dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/sample-pki.classpath

rm -rf certs-sample/sm2 certs-sample/ecdsa
java -cp "target/classes:$(cat target/sample-pki.classpath)" org.assistx.gateway.crypto.SamplePki certs-sample

# The sample partners' trust bundles (routes/partners/<id>/trust/): their CA certificates and CRL.
for partner in xian-county-bureaus:sm2 zhejiang-33:sm2 guangdong-44:ecdsa; do
  id="${partner%%:*}"; pki="${partner##*:}"
  mkdir -p "routes/partners/$id/trust"
  cp "certs-sample/$pki/root-ca.pem" "certs-sample/$pki/issuing-ca.pem" "certs-sample/$pki/issuing-ca.crl.pem" \
     "routes/partners/$id/trust/"
done

echo "Sample PKI written to certs-sample/sm2 and certs-sample/ecdsa, partner trust bundles to routes/partners/*/trust"
