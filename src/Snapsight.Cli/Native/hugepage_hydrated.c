/*
 * Prepares the executable's zero-filled data for the .NET runtime's start-up, before it runs.
 *
 * Native AOT writes its type data (method tables, generic dictionaries, frozen objects: about
 * 3.9 MB in snapsight) into the zero-filled `.hydrated` section at every start-up
 * (StartupCodeHelpers.RehydrateData). Touched page by page that is some 950 page faults, about
 * a third of a plain `snapsight inventory` (docs/performance.md, "Inventory"). So, first:
 *  - ask for transparent huge pages, which the kernel gives an aligned 2 MiB stretch of the
 *    region only if asked where /sys/kernel/mm/transparent_hugepage/enabled is "madvise" (as on
 *    the development machine): one fault instead of 512;
 *  - then fault the whole region in with one call (MADV_POPULATE_WRITE, Linux 5.14), instead of
 *    one trap per page for the rest.
 * Both are only advice: "never", an older kernel or no free huge page leave things as they were.
 *
 * Runs as an ELF constructor: the runtime's own initialisation (and RehydrateData) runs from
 * main, after the constructors. Linked into the executable by Snapsight.Cli.csproj.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* linux/mman.h, since 5.14; older C libraries lack the name */
#endif

static int prepare_zero_filled_segments(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    for (int i = 0; i < info->dlpi_phnum; i++)
    {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        /* The zero-filled tail of a writable segment (.bss, .hydrated) is anonymous memory. */
        if (segment->p_type != PT_LOAD || !(segment->p_flags & PF_W) || segment->p_memsz <= segment->p_filesz)
        {
            continue;
        }

        uintptr_t start = (info->dlpi_addr + segment->p_vaddr + segment->p_filesz + page - 1) & ~(page - 1);
        uintptr_t end = (info->dlpi_addr + segment->p_vaddr + segment->p_memsz + page - 1) & ~(page - 1);
        if (end > start)
        {
            (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
            (void)madvise((void *)start, end - start, MADV_POPULATE_WRITE);
        }
    }

    return 1; /* the first object listed is the executable itself; stop there */
}

__attribute__((constructor)) static void snapsight_prepare_zero_filled_data(void)
{
    dl_iterate_phdr(prepare_zero_filled_segments, NULL);
}
