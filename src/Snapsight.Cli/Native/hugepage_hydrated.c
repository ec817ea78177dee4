/*
 * Asks the kernel for transparent huge pages under the executable's zero-filled data, before
 * the .NET runtime starts.
 *
 * Native AOT writes its type data (method tables, generic dictionaries, frozen objects: about
 * 3.9 MB in snapsight) into the zero-filled `.hydrated` section at every start-up
 * (StartupCodeHelpers.RehydrateData). With 4 KiB pages that is some 950 page faults, about a
 * third of a plain `snapsight inventory` (docs/performance.md, "Inventory"). Where
 * /sys/kernel/mm/transparent_hugepage/enabled is "madvise" (as on the development machine) the
 * kernel backs the aligned 2 MiB stretches of the region with huge pages only if asked, so ask.
 * Harmless where the answer is no: "never", an older kernel, or no huge page free.
 *
 * Runs as an ELF constructor: the runtime's own initialisation (and RehydrateData) runs from
 * main, after the constructors. Linked into the executable by Snapsight.Cli.csproj.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

static int advise_zero_filled_segments(struct dl_phdr_info *info, size_t size, void *data)
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
        }
    }

    return 1; /* the first object listed is the executable itself; stop there */
}

__attribute__((constructor)) static void snapsight_advise_hugepages(void)
{
    dl_iterate_phdr(advise_zero_filled_segments, NULL);
}
