//! Keeping a long-lived server's heap near its live size. glibc's allocator
//! gives every thread that allocates (async workers, blocking threads, rayon)
//! an arena of its own and keeps what they freed: the server sat at twice
//! its live memory. Arenas are capped at the number of cores, and freed
//! pages are handed back after each analysis. Elsewhere this does nothing.

/// Caps the allocator's arenas; call before the server's threads start.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get()).min(8) as libc::c_int;
        // SAFETY: mallopt only sets an allocator parameter; any value is accepted or refused (returning 0).
        let ok = unsafe { libc::mallopt(libc::M_ARENA_MAX, cores) };
        if ok == 0 {
            tracing::debug!("the allocator refused an arena limit of {cores}");
        }
    }
}

/// Returns freed heap pages to the system (after a note's analysis replaced
/// the previous one).
pub fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory held by the allocator.
    unsafe {
        libc::malloc_trim(0);
    }
}
