/* A stand-in for Windows' bcryptprimitives.dll, for running the Windows test binaries under
 * Wine 8 (Debian 12's), which does not have that DLL.
 *
 * Why: Rust's standard library (1.78 and later) takes its random numbers on Windows from
 * `ProcessPrng` in bcryptprimitives.dll (present since Windows 10), and every Rust program
 * imports it at load time: without the DLL, Wine refuses to start any of them (status
 * c0000135). Wine 9 has the DLL; Debian 12 ships Wine 8. This file gives Wine one export,
 * `ProcessPrng`, built on `RtlGenRandom` (advapi32's `SystemFunction036`), which Wine does have
 * and which is what Rust's std used before 1.78. It is built by tests/windows/run.sh with
 * mingw into the test's own Wine prefix; it never ships and never runs on real Windows.
 */
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
        if (!RtlGenRandom(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
