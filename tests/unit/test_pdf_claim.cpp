// The writer's hook for the PDF/UA check (PdfOptions::vet): the file keeps its PDF/UA-1 claim
// only if the check allows it, loses it in place otherwise, and is not written at all when
// the check refuses it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/diagnostics.h"
#include "model/document.h"
#include "pdf/pdf_writer.h"
#include "pdfcheck/pdfcheck.h"

using namespace ep;

namespace {

model::Document small_document() {
    model::Document d;
    d.meta.title = "Claim test";
    d.meta.date = "2010-02-19";
    model::Section s;
    s.slug = "one";
    s.title = "One";
    s.short_title = "One";
    s.blocks.push_back(model::heading_block(1, "One", "one"));
    s.blocks.push_back(model::paragraph_block({model::text_run("Some text.")}));
    d.sections.push_back(s);
    return d;
}

std::string bytes_of(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::filesystem::path scratch(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / "ep_claim_test";
    std::filesystem::create_directories(dir);
    return dir / name;
}

}  // namespace

TEST_CASE("the PDF/UA claim stays, goes in place, or the file is refused, as the check decides") {
    pdf::PdfOptions o;
    o.timestamp = 1266580800;
    const auto kept = scratch("kept.pdf"), withdrawn = scratch("withdrawn.pdf"), refused = scratch("refused.pdf");
    std::filesystem::remove(refused);

    int calls = 0;
    o.vet = [&](const std::vector<unsigned char>& bytes) {
        ++calls;
        CHECK(!bytes.empty());
        return true;
    };
    pdf::write_pdf(small_document(), o, kept.string());
    o.vet = [](const std::vector<unsigned char>&) { return false; };
    pdf::write_pdf(small_document(), o, withdrawn.string());
    CHECK(calls == 1);

    const std::string with = bytes_of(kept), without = bytes_of(withdrawn);
    CHECK(with.find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);
    CHECK(without.find("pdfuaid") == std::string::npos);
    CHECK(with.size() == without.size());   // blanked in place: every offset still right
    // The checker reads both; only the withdrawn one lacks the identification.
    CHECK(pdfcheck::check_file(kept.string()).claims_pdfua);
    const pdfcheck::Report report = pdfcheck::check_file(withdrawn.string());
    CHECK_FALSE(report.claims_pdfua);
    bool no_identifier = false;
    for (const auto& f : report.findings) no_identifier = no_identifier || f.condition == pdfcheck::Condition::NoPdfuaIdentifier;
    CHECK(no_identifier);

    o.vet = [](const std::vector<unsigned char>&) -> bool { throw Error({"refused.pdf", 0, 0}, "refused by the check"); };
    CHECK_THROWS_AS(pdf::write_pdf(small_document(), o, refused.string()), Error);
    CHECK_FALSE(std::filesystem::exists(refused));
    CHECK_FALSE(std::filesystem::exists(refused.string() + ".tmp"));
}
