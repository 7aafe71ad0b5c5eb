// A client nobody in this project wrote: minio-go's own STS certificate identity, run against the MinIO stand-in.
// It prints, as one JSON line, the credentials minio-go parsed from the answer, or the STS error it decoded.
//
//	minio-go-client -endpoint https://127.0.0.1:PORT -cert client.pem -key client.key -ca server-ca.pem [-duration 3600s]
package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/minio/minio-go/v7/pkg/credentials"
)

type output struct {
	AccessKeyID     string `json:"accessKeyId,omitempty"`
	SecretAccessKey string `json:"secretAccessKey,omitempty"`
	SessionToken    string `json:"sessionToken,omitempty"`
	// When minio-go will fetch again: the server's expiration less its refresh window.
	RefreshAt string    `json:"refreshAt,omitempty"`
	Error     *stsError `json:"error,omitempty"`
}

type stsError struct {
	Code      string `json:"code"`
	Message   string `json:"message"`
	RequestID string `json:"requestId"`
	// Go's type of the error, so a test can tell an STS answer from a transport failure.
	GoType string `json:"goType"`
}

func main() {
	endpoint := flag.String("endpoint", "", "the STS endpoint, https://host:port")
	certPath := flag.String("cert", "", "client certificate (PEM)")
	keyPath := flag.String("key", "", "client private key (PEM)")
	caPath := flag.String("ca", "", "CA that issued the server certificate (PEM)")
	duration := flag.Duration("duration", 0, "requested credential lifetime (0: minio-go's default)")
	flag.Parse()

	certificate, err := tls.LoadX509KeyPair(*certPath, *keyPath)
	if err != nil {
		fail("loading the client certificate: %v", err)
	}
	caPem, err := os.ReadFile(*caPath)
	if err != nil {
		fail("reading the CA: %v", err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(caPem) {
		fail("no certificate in %s", *caPath)
	}

	// The server certificate is verified against the test CA: TLS verification stays on.
	transport := &http.Transport{TLSClientConfig: &tls.Config{Certificates: []tls.Certificate{certificate}, RootCAs: roots}}
	var identity *credentials.STSCertificateIdentity
	options := []credentials.CertificateIdentityOption{
		credentials.CertificateIdentityWithTransport(transport),
		// Keeps a handle on the provider so its expiration can be read after Get.
		func(i *credentials.STSCertificateIdentity) { identity = i },
	}
	if *duration > 0 {
		options = append(options, credentials.CertificateIdentityWithExpiry(*duration))
	}
	creds, err := credentials.NewSTSCertificateIdentity(*endpoint, certificate, options...)
	if err != nil {
		fail("NewSTSCertificateIdentity: %v", err)
	}
	value, err := creds.Get()
	if err != nil {
		out := output{Error: &stsError{Message: err.Error(), GoType: fmt.Sprintf("%T", err)}}
		if e, ok := err.(credentials.ErrorResponse); ok {
			out.Error.Code, out.Error.Message, out.Error.RequestID = e.STSError.Code, e.STSError.Message, e.RequestID
		}
		emit(out)
		os.Exit(3)
	}
	emit(output{
		AccessKeyID:     value.AccessKeyID,
		SecretAccessKey: value.SecretAccessKey,
		SessionToken:    value.SessionToken,
		RefreshAt:       identity.Expiration().UTC().Format(time.RFC3339Nano),
	})
}

func emit(out output) {
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail("writing JSON: %v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "minio-go-client: "+format+"\n", args...)
	os.Exit(2)
}
