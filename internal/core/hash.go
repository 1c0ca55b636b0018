package core

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha256"
	"crypto/sha3"
	"encoding/hex"
	"fmt"
	"hash"
	"strconv"
)

// Login hash algorithms.
const (
	MD5      = "md5"
	SHA256   = "sha256"
	SHA3_256 = "sha3-256"
)

// LoginHash returns the lower-case hex HMAC, keyed with secretKey, of
// len(merchantCode) + merchantCode + len(date) + date, lengths in bytes.
func LoginHash(algo, merchantCode, secretKey, date string) (string, error) {
	var h func() hash.Hash
	switch algo {
	case MD5:
		h = md5.New
	case SHA256:
		h = sha256.New
	case SHA3_256:
		h = func() hash.Hash { return sha3.New256() }
	default:
		return "", fmt.Errorf("twocheckout: unknown hash algorithm %q (want md5, sha256 or sha3-256)", algo)
	}
	mac := hmac.New(h, []byte(secretKey))
	mac.Write([]byte(strconv.Itoa(len(merchantCode)) + merchantCode + strconv.Itoa(len(date)) + date))
	return hex.EncodeToString(mac.Sum(nil)), nil
}
