#include "pdf/hpdf_doc.h"

#include <cstdio>

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
    pdf_ = HPDF_New(record_error, &error_);
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
    std::vector<unsigned char> bytes(HPDF_GetStreamSize(pdf_));
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
