/*
 * The least a 9P2000.L server can do for a Twrite, as a yardstick for ninep's server:
 * one thread, one connection, one file, no fids, no checks. Each Twrite is its 23-byte
 * header read, its payload spliced from the socket into a pipe and from the pipe into the
 * file (the one copy, into the page cache), and an 11-byte Rwrite. The socket is
 * non-blocking and a wait spins for up to 50 us before it sleeps in poll(2), as ninep's
 * server does with the bench's busy poll, so a busy peer seldom has to wake it.
 *
 * Connections are served one after another. It answers just what ninep's client sends to
 * open a file and write it: Tversion, Tattach, Twalk, Tlopen, Twrite and Tclunk; anything
 * else gets Rlerror EOPNOTSUPP. `ninep bench` (FloorProcess) and scripts/write-floor/run
 * compile and start it.
 *
 * usage: write-floor PORT FILE    (listens on 127.0.0.1:PORT, writes into FILE)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { TLOPEN = 12, RLERROR = 7, TVERSION = 100, TATTACH = 104, TWALK = 110, TWRITE = 118, TCLUNK = 120 };
enum { HEADER = 7, TWRITE_HEADER = 23 };

static int sock, pipe_read, pipe_write, file = -1;
static const char *file_path;
static unsigned char in[1 << 16];
static int in_end, in_start;
static jmp_buf connection_over;

static void fail(const char *what) {
    perror(what);
    exit(1);
}

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* After an EAGAIN: returns at once while the spin that began at *since lasts, then sleeps until the socket is readable. */
static void wait_readable(long long *since) {
    if (*since == 0) {
        *since = now_ns();
    }
    if (now_ns() - *since < 50000) {
        return;
    }
    struct pollfd p = {.fd = sock, .events = POLLIN};
    poll(&p, 1, -1);
    *since = 0;
}

static uint32_t le32(const unsigned char *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t) p[3] << 24; }
static uint16_t le16(const unsigned char *p) { return p[0] | p[1] << 8; }
static uint64_t le64(const unsigned char *p) { return le32(p) | (uint64_t) le32(p + 4) << 32; }
static void put32(unsigned char *p, uint32_t v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }
static void put16(unsigned char *p, uint16_t v) { p[0] = v; p[1] = v >> 8; }

/*
 * Until n bytes of the next message are in `in`. Reads never go past the first 23 bytes of
 * a message unless it is longer and not a Twrite, so a Twrite's payload stays on the socket
 * for the splice.
 */
static void need(int n) {
    long long since = 0;
    while (in_end - in_start < n) {
        if (in_start > 0) {
            memmove(in, in + in_start, in_end - in_start);
            in_end -= in_start;
            in_start = 0;
        }
        int want = n > TWRITE_HEADER ? n - in_end : TWRITE_HEADER - in_end;
        ssize_t r = read(sock, in + in_end, want);
        if (r < 0 && errno == EAGAIN) {
            wait_readable(&since);
            continue;
        }
        if (r < 0) {
            fail("read");
        }
        if (r == 0) {
            longjmp(connection_over, 1);   /* the client is done */
        }
        in_end += r;
    }
}

static void reply(int type, int tag, const unsigned char *body, int length) {
    unsigned char out[HEADER + 256];
    put32(out, HEADER + length);
    out[4] = type;
    put16(out + 5, tag);
    memcpy(out + HEADER, body, length);
    for (int sent = 0; sent < HEADER + length;) {
        ssize_t w = write(sock, out + sent, HEADER + length - sent);
        if (w < 0 && errno == EAGAIN) {
            continue;
        }
        if (w < 0) {
            fail("write");
        }
        sent += w;
    }
}

static void twrite(int tag) {
    need(TWRITE_HEADER);
    uint64_t offset = le64(in + in_start + 11);
    uint32_t count = le32(in + in_start + 19);
    in_start += TWRITE_HEADER;
    long long since = 0;
    for (uint32_t left = count; left > 0;) {
        ssize_t moved = splice(sock, NULL, pipe_write, NULL, left, SPLICE_F_MOVE);
        if (moved < 0 && errno == EAGAIN) {
            wait_readable(&since);
            continue;
        }
        if (moved <= 0) {
            fail("splice from the socket");
        }
        loff_t at = offset + (count - left);
        left -= moved;
        while (moved > 0) {
            ssize_t written = splice(pipe_read, NULL, file, &at, moved, SPLICE_F_MOVE);
            if (written <= 0) {
                fail("splice into the file");
            }
            moved -= written;
        }
    }
    unsigned char body[4];
    put32(body, count);
    reply(TWRITE + 1, tag, body, 4);
}

static void other(int type, int tag, uint32_t size) {
    need(size);
    const unsigned char *m = in + in_start;
    in_start += size;
    unsigned char body[256] = {0};   /* qids of zeros: the client needs none */
    switch (type) {
    case TVERSION: {
        uint32_t msize = le32(m + HEADER);
        put32(body, msize < (1u << 20) ? msize : 1u << 20);
        put16(body + 4, 8);
        memcpy(body + 6, "9P2000.L", 8);
        reply(type + 1, tag, body, 14);
        break;
    }
    case TATTACH:
        reply(type + 1, tag, body, 13);
        break;
    case TWALK: {
        int names = le16(m + 15);
        if (names > 16) {   /* MAXWELEM: the qids would not fit the reply */
            put32(body, EINVAL);
            reply(RLERROR, tag, body, 4);
            break;
        }
        put16(body, names);
        reply(type + 1, tag, body, 2 + 13 * names);
        break;
    }
    case TLOPEN:
        if (file < 0 && (file = open(file_path, O_WRONLY)) < 0) {
            fail(file_path);
        }
        reply(type + 1, tag, body, 17);   /* qid, iounit 0 */
        break;
    case TCLUNK:
        reply(type + 1, tag, body, 0);
        break;
    default:
        put32(body, EOPNOTSUPP);
        reply(RLERROR, tag, body, 4);
    }
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: write-floor PORT FILE\n");
        return 2;
    }
    file_path = argv[2];
    int listener = socket(AF_INET, SOCK_STREAM, 0), on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons(atoi(argv[1]))};
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    if (bind(listener, (struct sockaddr *) &address, sizeof address) || listen(listener, 1)) {
        fail("listen");
    }
    int ends[2];
    if (pipe(ends)) {
        fail("pipe");
    }
    pipe_read = ends[0];
    pipe_write = ends[1];
    fcntl(pipe_write, F_SETPIPE_SZ, 1 << 20);
    if (setjmp(connection_over)) {
        close(sock);
        in_start = in_end = 0;
    }
    if ((sock = accept(listener, NULL, NULL)) < 0) {
        fail("accept");
    }
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    fcntl(sock, F_SETFL, O_NONBLOCK);
    for (;;) {
        need(HEADER);
        uint32_t size = le32(in + in_start);
        int type = in[in_start + 4], tag = le16(in + in_start + 5);
        if (size < (type == TWRITE ? TWRITE_HEADER : HEADER) || (type != TWRITE && size > sizeof in)) {
            fprintf(stderr, "write-floor: a message of type %d and size %u, which it cannot hold\n", type, size);
            exit(1);
        }
        if (type == TWRITE) {
            twrite(tag);
        } else {
            other(type, tag, size);
        }
    }
}
