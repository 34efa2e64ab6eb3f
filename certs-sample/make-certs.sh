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

# The worked example of docs/integrator-guide.md (docs/examples/sichuan-51) signs with a key issued the way the
# guide tells an integrator to, with OpenSSL from the sample ECDSA issuing CA.
d=certs-sample/ecdsa
openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt -out $d/sichuan-51.key.pem
openssl req -new -key $d/sichuan-51.key.pem -subj "/C=CN/OU=AssistX sample/O=51/CN=sichuan-51" -out target/sichuan-51.csr
openssl x509 -req -in target/sichuan-51.csr -CA $d/issuing-ca.pem -CAkey $d/issuing-ca.key.pem -days 7300 \
  -sha256 -extfile <(printf "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature") \
  -out $d/sichuan-51.crt.pem

# The sample partners' trust bundles (<folder>/trust/): their CA certificates and CRL.
for partner in routes/partners/xian-county-bureaus:sm2 routes/partners/zhejiang-33:sm2 \
               routes/partners/guangdong-44:ecdsa docs/examples/sichuan-51:ecdsa; do
  folder="${partner%%:*}"; pki="${partner##*:}"
  mkdir -p "$folder/trust"
  cp "certs-sample/$pki/root-ca.pem" "certs-sample/$pki/issuing-ca.pem" "certs-sample/$pki/issuing-ca.crl.pem" \
     "$folder/trust/"
done

echo "Sample PKI written to certs-sample/sm2 and certs-sample/ecdsa, partner trust bundles to routes/partners/*/trust and docs/examples/*/trust"
