/*
 * The front's early hand-over (ImageVerbsFront, docs/architecture.md "Executables").
 *
 * The front serves only the image verbs. When the first argument is none of them, this replaces
 * the process with the all-verbs executable before the .NET runtime starts, so `snapsight scan`
 * pays for the front's exec and dynamic linking alone, not for its runtime start-up as well (a
 * few milliseconds). Anything else goes on to main, where ImageVerbsFront decides with the real
 * parser and words any error: an image verb, a configured .dll (the test suite's build, run by
 * dotnet), or an all-verbs executable that is missing or cannot be started. Handing over more
 * than needed is always safe: the all-verbs executable serves every verb.
 *
 * It also leaves to main a process that a front handed over to (SNAPSIGHT_HANDED_OVER set), so a
 * front installed where the all-verbs executable belongs is reported rather than exec'd forever,
 * and takes SNAPSIGHT_ALL_VERBS only where the environment may choose what runs (secure_getenv).
 *
 * Linked into the front only (Snapsight.Cli.csproj), as an ELF constructor that runs before the
 * one preparing the runtime's data (priority 101: lower runs first). glibc passes constructors
 * the program's arguments; other C libraries need not.
 */
#define _GNU_SOURCE
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef __GLIBC__
#error "front_dispatch.c reads the program's arguments as glibc passes them to constructors"
#endif

static const char *const served_verbs[] = { "disk", "ls", "cat", "inventory", "sbom" };

/* Where the all-verbs executable is, as ImageVerbsFront looks for it; 0 when it must be left to main. */
static int locate_all_verbs(char *path, size_t size)
{
    const char *configured = secure_getenv("SNAPSIGHT_ALL_VERBS");
    if (configured != NULL && configured[0] != '\0')
    {
        size_t length = strlen(configured);
        if (length >= size || (length >= 4 && strcmp(configured + length - 4, ".dll") == 0))
        {
            return 0;
        }

        memcpy(path, configured, length + 1);
        return 1;
    }

    ssize_t length = readlink("/proc/self/exe", path, size);
    if (length <= 0 || (size_t)length >= size)
    {
        return 0; /* no /proc, or a path too long to be sure it is whole */
    }

    path[length] = '\0';
    char *slash = strrchr(path, '/');
    if (slash == NULL)
    {
        return 0;
    }

    size_t left = size - (size_t)(slash + 1 - path);
    return snprintf(slash + 1, left, "all-verbs/snapsight") < (int)left;
}

__attribute__((constructor(101))) static void snapsight_front_hand_over(int argc, char **argv, char **envp)
{
    (void)envp;
    for (size_t i = 0; argc >= 2 && i < sizeof served_verbs / sizeof served_verbs[0]; i++)
    {
        if (strcmp(argv[1], served_verbs[i]) == 0)
        {
            return;
        }
    }

    static char all_verbs[PATH_MAX];
    if (getenv("SNAPSIGHT_HANDED_OVER") != NULL || !locate_all_verbs(all_verbs, sizeof all_verbs) || access(all_verbs, X_OK) != 0
        || setenv("SNAPSIGHT_HANDED_OVER", "1", 1) != 0)
    {
        return;
    }

    char *program = argv[0];
    argv[0] = all_verbs;
    execv(all_verbs, argv);
    argv[0] = program;
    unsetenv("SNAPSIGHT_HANDED_OVER");
}
