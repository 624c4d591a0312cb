package world

// TryAll makes w's retry passes try every waiting class (the reference the
// fast pass is compared with).
func TryAll(w *World) { w.tryAll = true }
