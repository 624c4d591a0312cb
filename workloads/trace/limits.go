package trace

import (
	"bytes"
	"fmt"
	"io"
)

// Limits on what a trace reader accepts, so that no input can fill memory
// or echo megabytes into an error (README "Limits").
const (
	// MaxLineBytes bounds one line (row) of a trace.
	MaxLineBytes = 64 << 10
	// MaxBytes bounds a whole trace.
	MaxBytes = 16 << 30
	// MaxCount bounds a row's count of tasks, as a YAML batch's count is.
	MaxCount = 10_000_000
	// maxQuoted is how much of a bad value an error message quotes.
	maxQuoted = 40
)

// limitReader passes a trace through, failing with a *RowError at the
// first line longer than MaxLineBytes and once more than MaxBytes have
// been read.
type limitReader struct {
	r     io.Reader
	line  int   // lines seen so far
	run   int   // bytes of the current line so far
	total int64 // bytes read so far
}

func limit(r io.Reader) *limitReader { return &limitReader{r: r} }

func (l *limitReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	l.total += int64(n)
	if l.total > MaxBytes {
		return 0, fmt.Errorf("trace: larger than %d bytes, the most ecsim reads", int64(MaxBytes))
	}
	for b := p[:n]; len(b) > 0; {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			l.run += len(b)
			break
		}
		if l.run += i; l.run > MaxLineBytes {
			break
		}
		l.line++
		l.run = 0
		b = b[i+1:]
	}
	if l.run > MaxLineBytes {
		return 0, &RowError{Line: l.line + 1, Msg: fmt.Sprintf("line longer than %d bytes", MaxLineBytes)}
	}
	return n, err
}

// short quotes at most the first maxQuoted bytes of a value, for error
// messages.
func short(s string) string {
	if len(s) <= maxQuoted {
		return fmt.Sprintf("%q", s)
	}
	return fmt.Sprintf("%q… (%d bytes)", s[:maxQuoted], len(s))
}
