package reports

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// ownerLine is what pidFile holds: this process's ID and host.
func ownerLine() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%d %s\n", os.Getpid(), host)
}

// staleOldAge is how long a replaced output (".NAME.tmp-*.old", removed by
// Commit within moments) may stay before a later run removes it.
const staleOldAge = 10 * time.Minute

// removeStale removes, in parent, the hidden directories that runs killed
// before they finished left behind: a directory under construction whose
// process (same host) no longer runs, and a replaced output that Commit
// did not get to remove. It never touches a directory without ecsim's
// marks, nor one whose process still runs.
func removeStale(parent string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !strings.HasPrefix(name, ".") || !strings.Contains(name, ".tmp-") {
			continue
		}
		path := filepath.Join(parent, name)
		if strings.HasSuffix(name, ".old") {
			info, err := e.Info()
			if _, merr := os.Lstat(filepath.Join(path, MarkerFile)); err == nil && merr == nil && time.Since(info.ModTime()) > staleOldAge {
				_ = os.RemoveAll(path)
			}
			continue
		}
		if owner, err := os.ReadFile(filepath.Join(path, pidFile)); err == nil && deadOwner(string(owner)) {
			_ = os.RemoveAll(path)
		}
	}
}

// deadOwner reports whether the process named by a pidFile line ran on
// this host and has exited.
func deadOwner(line string) bool {
	pidText, host, ok := strings.Cut(strings.TrimSpace(line), " ")
	me, _ := os.Hostname()
	pid, err := strconv.Atoi(pidText)
	if !ok || err != nil || host != me || pid <= 0 {
		return false
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return true
	}
	err = p.Signal(syscall.Signal(0))
	return errors.Is(err, os.ErrProcessDone) || errors.Is(err, syscall.ESRCH)
}
