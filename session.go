package twocheckout

import (
	"github.com/tco-go/twocheckout/internal/core"
)

// HashAlgo is the HMAC algorithm of the login hash.
type HashAlgo string

// Login hash algorithms. MD5 is for old accounts and logs in without the algo
// argument; the others send it as login's fourth argument.
const (
	MD5      HashAlgo = core.MD5
	SHA256   HashAlgo = core.SHA256
	SHA3_256 HashAlgo = core.SHA3_256
)

// DateLayout is the layout of the login date: UTC, "YYYY-MM-DD HH:MM:SS".
const DateLayout = core.DateLayout

// SessionLifetime is how long a session lives on the server after login.
const SessionLifetime = core.SessionLifetime

// SessionMargin is how long before SessionLifetime ends a client renews its
// session: a call that starts then still has a minute to reach the server, so
// that clock skew and slow calls do not meet an expired session. When the
// server rejects a session anyway, the client logs in again and replays the
// call once (the server refused it before running it).
const SessionMargin = core.SessionMargin

// LoginHash returns the login hash: the lower-case hex HMAC, keyed with the
// secret key, of len(merchantCode) + merchantCode + len(date) + date, lengths
// in bytes. date is UTC in DateLayout.
func LoginHash(algo HashAlgo, merchantCode, secretKey, date string) (string, error) {
	return core.LoginHash(string(algo), merchantCode, secretKey, date)
}
