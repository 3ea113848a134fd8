// cluster-child-guard: runs one command and makes sure it dies with the process that
// started it.
//
//   cluster-child-guard --parent PID [--grace-ms N] -- PROGRAM [ARGUMENT...]
//
// The cluster starts every child (Claude Code, git, gh, hooks) through this guard. The
// guard forks PROGRAM and waits for it, watching PID (the agent) through a pidfd. When
// PID dies, whatever the cause (SIGKILL, the OOM killer, a crash), the guard sends
// SIGTERM to its whole process group, waits up to the grace period for PROGRAM to end,
// then sends SIGKILL to the group, itself included. The guard leads that group: it makes
// one of its own unless it already leads a session. Linux's PR_SET_PDEATHSIG is not used:
// it fires when the *thread* that forked exits, and the agent forks from a thread pool
// whose threads come and go.
//
// While PID lives, the guard is invisible: signals sent to it (SIGTERM, SIGINT, SIGHUP,
// SIGQUIT, SIGUSR1, SIGUSR2) are passed on to PROGRAM, and it ends as PROGRAM ends, with
// the same exit status or by the same signal. A usage error or a failed fork exits 125;
// a PROGRAM that cannot be executed exits 127, with the reason on standard error.

#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

static const int forwarded[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};
#define FORWARDED_COUNT (sizeof(forwarded) / sizeof(forwarded[0]))

static int usage(const char *problem) {
    fprintf(stderr, "cluster-child-guard: %s\nusage: cluster-child-guard --parent PID [--grace-ms N] -- PROGRAM [ARGUMENT...]\n", problem);
    return 125;
}

static long long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

// Ends the guard the way the child ended: the same exit status, or the same signal.
static void exit_like(int status) {
    if (WIFEXITED(status)) _exit(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        struct rlimit none = {0, 0};
        setrlimit(RLIMIT_CORE, &none);  // the child already dumped core if it was to
        signal(sig, SIG_DFL);
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, sig);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        raise(sig);
        _exit(128 + sig);
    }
    _exit(125);
}

// Signals the guard's whole process group, which it leads (see main), else just the child.
static void signal_group(pid_t child, int sig) {
    if (getpgrp() == getpid()) {
        kill(-getpgrp(), sig);
    } else {
        kill(child, sig);
    }
}

// The parent is gone: stop the group, give the child the grace period, then kill it all.
static void stop_everything(pid_t child, int signals, long grace_ms) {
    signal_group(child, SIGTERM);
    long long deadline = now_ms() + grace_ms;
    struct pollfd fd = {.fd = signals, .events = POLLIN};
    for (;;) {
        int status;
        pid_t done = waitpid(child, &status, WNOHANG);
        if (done == child || (done < 0 && errno == ECHILD)) break;
        long long left = deadline - now_ms();
        if (left <= 0) break;
        if (poll(&fd, 1, (int)left) > 0) {
            struct signalfd_siginfo info;
            while (read(signals, &info, sizeof info) == sizeof info) {}
        }
    }
    // Whatever is left of the group (the child's own children included) ends here, and so
    // does the guard when it leads the group.
    signal_group(child, SIGKILL);
    kill(child, SIGKILL);
    _exit(137);
}

int main(int argc, char **argv) {
    pid_t parent = 0;
    long grace_ms = 1000;
    int index = 1;
    while (index < argc && strcmp(argv[index], "--") != 0) {
        if (strcmp(argv[index], "--parent") == 0 && index + 1 < argc) {
            parent = (pid_t)atol(argv[index + 1]);
            index += 2;
        } else if (strcmp(argv[index], "--grace-ms") == 0 && index + 1 < argc) {
            grace_ms = atol(argv[index + 1]);
            index += 2;
        } else {
            return usage("unknown option");
        }
    }
    if (parent <= 1) return usage("--parent PID is required");
    if (index + 1 >= argc) return usage("no program to run");
    char **program = &argv[index + 1];

    // Watch the parent before anything runs (the pidfd is close-on-exec); if it is
    // already gone, run nothing.
    int parent_fd = (int)syscall(SYS_pidfd_open, parent, 0);
    if (parent_fd < 0 && errno == ESRCH) return 125;
    if (getppid() != parent) return 125;  // it died, and its pid may already be reused

    // Lead a process group of our own (a session leader already does), so that the
    // child's own children, which stay in it, can be stopped with it.
    if (getpgrp() != getpid()) setpgid(0, 0);

    sigset_t blocked, previous;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGCHLD);
    for (size_t i = 0; i < FORWARDED_COUNT; i++) sigaddset(&blocked, forwarded[i]);
    sigprocmask(SIG_BLOCK, &blocked, &previous);
    int signals = signalfd(-1, &blocked, SFD_CLOEXEC | SFD_NONBLOCK);
    if (signals < 0) {
        perror("cluster-child-guard: signalfd");
        return 125;
    }

    pid_t child = fork();
    if (child < 0) {
        perror("cluster-child-guard: fork");
        return 125;
    }
    if (child == 0) {
        sigprocmask(SIG_SETMASK, &previous, NULL);
        execvp(program[0], program);
        fprintf(stderr, "cluster-child-guard: cannot run `%s`: %s\n", program[0], strerror(errno));
        _exit(127);
    }

    struct pollfd fds[2] = {{.fd = signals, .events = POLLIN}, {.fd = parent_fd, .events = POLLIN}};
    for (;;) {
        // Without pidfd (Linux before 5.3) the parent is checked twice a second.
        int ready = poll(fds, parent_fd >= 0 ? 2 : 1, parent_fd >= 0 ? -1 : 500);
        if (ready < 0 && errno != EINTR) {
            perror("cluster-child-guard: poll");
            stop_everything(child, signals, grace_ms);
        }
        if ((parent_fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP | POLLERR))) || getppid() != parent) {
            stop_everything(child, signals, grace_ms);
        }
        if (fds[0].revents & POLLIN) {
            struct signalfd_siginfo info;
            while (read(signals, &info, sizeof info) == sizeof info) {
                if (info.ssi_signo != SIGCHLD) kill(child, (int)info.ssi_signo);
            }
        }
        int status;
        pid_t done = waitpid(child, &status, WNOHANG);
        if (done == child) exit_like(status);
    }
}
