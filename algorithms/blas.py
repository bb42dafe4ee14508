"""BLAS threading: the solvers of GeoInverse factor many small matrices, where the
threads of a multithreaded BLAS (Debian's scipy pulls in OpenBLAS-pthread) only add
overhead: the same wall time for up to twice the CPU time on 2 cores."""


def single_threaded(function, *args, **kwargs):
    """Run with one BLAS thread: the matrices are small and threads only add overhead
    (10x slower on a busy 2-core machine). threadpoolctl when installed (it comes with
    scikit-learn), else OpenBLAS's own switch through ctypes, else as is."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        switch = _openblas_threads()
        if switch is None:
            return function(*args, **kwargs)
        get, set_ = switch
        before = get()
        set_(1)
        try:
            return function(*args, **kwargs)
        finally:
            set_(before)
    with threadpool_limits(1):
        return function(*args, **kwargs)


def _openblas_threads():
    import ctypes
    for name in ("libopenblas.so.0", "libblas.so.3", "libopenblas.so"):
        try:
            lib = ctypes.CDLL(name)
            return lib.openblas_get_num_threads, lib.openblas_set_num_threads
        except (OSError, AttributeError):
            continue
    return None
