#include "pdf/hpdf_doc.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>

#include <hpdf_streams.h>
#include <hpdf_utils.h>

#include "core/diagnostics.h"

namespace ep::pdf {

namespace {

void HPDF_STDCALL record_error(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
    auto* state = static_cast<HpdfDoc::ErrorState*>(user_data);
    if (state->failed) return;  // keep the first error: later ones are usually consequences
    state->failed = true;
    state->code = code;
    state->detail = detail;
}

std::string describe(HPDF_STATUS code) {
    switch (code) {
        case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
        case HPDF_FILE_IO_ERROR: return "file input/output error";
        case HPDF_FILE_OPEN_ERROR: return "cannot open file";
        case HPDF_TTF_INVALID_FOMAT: return "invalid TrueType font";
        case HPDF_TTF_MISSING_TABLE: return "TrueType font lacks a required table";
        case HPDF_INVALID_ENCODER: return "invalid text encoding";
        case HPDF_PAGE_OUT_OF_RANGE: return "text or graphics outside the page";
        case HPDF_PAGE_INVALID_GMODE: return "drawing call in the wrong graphics mode";
        case HPDF_INVALID_DATE_TIME: return "invalid date";
        case HPDF_INVALID_DESTINATION: return "invalid link destination";
        case HPDF_ZLIB_ERROR: return "compression failed";
        default: return "internal error";
    }
}

}  // namespace

HpdfDoc::HpdfDoc() {
    // libharu's own pool (64 KB blocks, all freed with the document) instead of a malloc and a
    // free for each of its ~47,000 small objects: 7 % of a build's instructions, for ~2.5 MB
    // more at the peak (freed objects are not reused). docs/performance.md.
    pdf_ = HPDF_NewEx(record_error, nullptr, nullptr, 64 * 1024, &error_);
    if (!pdf_) throw Error({}, "PDF writer: cannot create a libharu document (out of memory?)");
}

HpdfDoc::~HpdfDoc() {
    if (pdf_) HPDF_Free(pdf_);
}

void HpdfDoc::check(std::string_view doing) {
    if (!error_.failed) return;
    char codes[64];
    std::snprintf(codes, sizeof codes, " (libharu error 0x%04X, detail %u)", static_cast<unsigned>(error_.code),
                  static_cast<unsigned>(error_.detail));
    const std::string message = "PDF writer failed while " + std::string(doing) + ": " + describe(error_.code) + codes;
    error_ = {};
    HPDF_ResetError(pdf_);
    throw Error({}, message);
}

std::vector<unsigned char> HpdfDoc::save_to_memory() {
    HPDF_SaveToStream(pdf_);
    check("saving the document");
    std::vector<unsigned char> bytes;
    // The saved file is libharu's memory stream: copy its buffers whole (HPDF_ReadFromStream
    // copies byte by byte).
    if (HPDF_Stream stream = pdf_->stream; stream && stream->type == HPDF_STREAM_MEMORY) {
        bytes.reserve(stream->size);
        const HPDF_UINT count = HPDF_MemStream_GetBufCount(stream);
        for (HPDF_UINT i = 0; i < count; ++i) {
            HPDF_UINT len = 0;
            const HPDF_BYTE* p = HPDF_MemStream_GetBufPtr(stream, i, &len);
            if (p) bytes.insert(bytes.end(), p, p + len);
        }
        if (bytes.size() == stream->size) return bytes;
        bytes.clear();
    }
    bytes.resize(HPDF_GetStreamSize(pdf_));
    HPDF_ResetStream(pdf_);
    size_t done = 0;
    while (done < bytes.size()) {
        HPDF_UINT32 n = static_cast<HPDF_UINT32>(bytes.size() - done);
        HPDF_STATUS st = HPDF_ReadFromStream(pdf_, bytes.data() + done, &n);
        done += n;
        if (st == HPDF_STREAM_EOF || n == 0) break;
    }
    // Reading to the end raises HPDF_STREAM_EOF through the handler; that is not a failure.
    error_ = {};
    HPDF_ResetError(pdf_);
    bytes.resize(done);
    return bytes;
}

}  // namespace ep::pdf

// ---- faster libharu utilities ----------------------------------------------------------------
// libharu 2.3.0 copies, fills and measures memory with byte-by-byte loops of its own
// (HPDF_MemCpy, HPDF_MemSet, HPDF_StrLen in hpdf_utils.c) and calls them through the PLT:
// every page operator clears a 512-byte buffer, every stream write copies byte by byte. Under
// callgrind they were over 10 % of a whole build of the pack. These definitions take
// precedence over libharu's (ELF symbol interposition: every caller binds to the executable's
// definition of a symbol a shared library also exports) and give the same results with the C
// library's vectorised routines. They live in this file because the linker takes it into every
// program that writes a PDF. Should a future libharu bind these internally, its own versions
// are used again: slower, never different. See docs/pdf.md.
extern "C" {

// Copies n bytes and returns the end of the copy. libharu's loop copies front to back, so a
// destination overlapping the source from above repeats the pattern; that case is kept.
HPDF_BYTE* HPDF_MemCpy(HPDF_BYTE* out, const HPDF_BYTE* in, HPDF_UINT n) {
    if (out > in && out < in + n) {
        for (HPDF_UINT i = 0; i < n; ++i) out[i] = in[i];
    } else if (n > 0) {
        std::memmove(out, in, n);
    }
    return out + n;
}

// Fills n bytes with c and returns the end of the filled area (where libharu's loop stops).
void* HPDF_MemSet(void* s, HPDF_BYTE c, HPDF_UINT n) {
    if (n > 0) std::memset(s, c, n);
    return static_cast<HPDF_BYTE*>(s) + n;
}

// The length of s, at most maxlen characters (no limit when maxlen is negative); 0 for NULL.
HPDF_UINT HPDF_StrLen(const char* s, HPDF_INT maxlen) {
    if (!s || maxlen == 0) return 0;
    if (maxlen < 0) return static_cast<HPDF_UINT>(std::strlen(s));
    return static_cast<HPDF_UINT>(strnlen(s, static_cast<size_t>(maxlen)));
}

}  // extern "C"

// ---- reading font files ---------------------------------------------------------------------
// libharu reads a TrueType file through a stdio FILE, two or four bytes at a time, seeking
// before nearly every read (it visits each used glyph to check for composite glyphs), and each
// fseek is an lseek and a fresh 4 KB read: ~550 system calls per face, ~2,300 per PDF. This
// HPDF_FileReader_New replaces libharu's (symbol interposition, as above) with a stream of the
// same behaviour that keeps a 32 KB window of the file and reads with pread: seeking costs
// nothing and a face takes a few dozen reads. Reads, seeks, tell, size, end of file and errors
// follow libharu's file reader (hpdf_streams.c).
namespace {

struct WindowedFile {
    int fd = -1;
    HPDF_UINT32 size = 0;   // of the file, taken when opened
    long pos = 0;           // logical position (may lie past the end, as with fseek)
    long window_at = 0;     // file offset of window[0]
    size_t window_len = 0;
    unsigned char window[32 * 1024];
};

HPDF_STATUS windowed_read(HPDF_Stream stream, HPDF_BYTE* ptr, HPDF_UINT* siz) {
    auto* f = static_cast<WindowedFile*>(stream->attr);
    const HPDF_UINT want = *siz;
    const long at = f->pos - f->window_at;
    if (at >= 0 && at <= static_cast<long>(f->window_len) && want <= f->window_len - static_cast<size_t>(at)) {
        std::memcpy(ptr, f->window + at, want);   // the usual case: a few bytes from the window
        f->pos += want;
        return HPDF_OK;
    }
    if (want > 0) std::memset(ptr, 0, want);
    HPDF_UINT got = 0;
    while (got < want && f->pos < static_cast<long>(f->size)) {
        const long in_window = f->pos - f->window_at;
        if (in_window >= 0 && in_window < static_cast<long>(f->window_len)) {
            const size_t n = std::min<size_t>(want - got, f->window_len - static_cast<size_t>(in_window));
            std::memcpy(ptr + got, f->window + in_window, n);
            got += static_cast<HPDF_UINT>(n);
            f->pos += static_cast<long>(n);
            continue;
        }
        if (want - got >= sizeof f->window) {
            // A large read (a whole table) goes straight to the caller's buffer.
            const ssize_t n = pread(f->fd, ptr + got, want - got, f->pos);
            if (n < 0) return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, errno);
            if (n == 0) break;
            got += static_cast<HPDF_UINT>(n);
            f->pos += n;
            continue;
        }
        const ssize_t n = pread(f->fd, f->window, sizeof f->window, f->pos);
        if (n < 0) return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, errno);
        f->window_at = f->pos;
        f->window_len = static_cast<size_t>(n);
        if (n == 0) break;
    }
    if (got != want) {
        *siz = got;
        return HPDF_STREAM_EOF;   // as libharu's reader at the end of the file: no error raised
    }
    return HPDF_OK;
}

HPDF_STATUS windowed_seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
    auto* f = static_cast<WindowedFile*>(stream->attr);
    long to = pos;
    if (mode == HPDF_SEEK_CUR) to += f->pos;
    else if (mode == HPDF_SEEK_END) to += static_cast<long>(f->size);
    if (to < 0) return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, EINVAL);
    f->pos = to;
    return HPDF_OK;
}

HPDF_INT32 windowed_tell(HPDF_Stream stream) {
    return static_cast<HPDF_INT32>(static_cast<WindowedFile*>(stream->attr)->pos);
}

HPDF_UINT32 windowed_size(HPDF_Stream stream) { return static_cast<WindowedFile*>(stream->attr)->size; }

void windowed_free(HPDF_Stream stream) {
    auto* f = static_cast<WindowedFile*>(stream->attr);
    if (!f) return;
    if (f->fd >= 0) close(f->fd);
    delete f;
    stream->attr = nullptr;
}

}  // namespace

extern "C" HPDF_Stream HPDF_FileReader_New(HPDF_MMgr mmgr, const char* fname) {
    const int fd = open(fname, O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || fstat(fd, &st) != 0) {
        const int err = errno;
        if (fd >= 0) close(fd);
        HPDF_SetError(mmgr->error, HPDF_FILE_OPEN_ERROR, static_cast<HPDF_STATUS>(err));
        return nullptr;
    }
    auto stream = static_cast<HPDF_Stream>(HPDF_GetMem(mmgr, sizeof(HPDF_Stream_Rec)));
    if (!stream) {
        close(fd);
        return nullptr;
    }
    auto* f = new (std::nothrow) WindowedFile;
    if (!f) {
        close(fd);
        HPDF_FreeMem(mmgr, stream);
        HPDF_SetError(mmgr->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
        return nullptr;
    }
    f->fd = fd;
    f->size = static_cast<HPDF_UINT32>(st.st_size);
    std::memset(stream, 0, sizeof(HPDF_Stream_Rec));
    stream->sig_bytes = HPDF_STREAM_SIG_BYTES;
    stream->type = HPDF_STREAM_FILE;
    stream->error = mmgr->error;
    stream->mmgr = mmgr;
    stream->read_fn = windowed_read;
    stream->seek_fn = windowed_seek;
    stream->tell_fn = windowed_tell;
    stream->size_fn = windowed_size;
    stream->free_fn = windowed_free;
    stream->attr = f;
    return stream;
}
