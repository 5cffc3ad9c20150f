#include "pdf/hpdf_doc.h"

#include <cstdio>
#include <cstring>

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
