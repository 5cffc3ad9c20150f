// What `serve` answers for a path, and how it reads a failed build's messages back.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "serve/files.h"

using namespace ep::serve;
namespace fs = std::filesystem;

namespace {

struct OutputFolder {
    fs::path base = fs::temp_directory_path() / ("ep-serve-unit-" + std::to_string(::getpid()));
    fs::path out = base / "out";
    OutputFolder() {
        fs::remove_all(base);
        fs::create_directories(out / "site" / "assets");
        write(out / "site" / "index.html", "<html><body><p>hi</p></body></html>");
        write(out / "site" / "assets" / "style.css", "p{}");
        write(out / ".evidencepack-output", "");
        write(base / "secret.txt", "secret");
        fs::create_symlink(base / "secret.txt", out / "site" / "leak.txt");
        fs::create_directory_symlink(base, out / "site" / "up");
        write(out / "site" / "inner.txt", "inner");
        fs::create_symlink(out / "site" / "inner.txt", out / "site" / "alias.txt");
    }
    ~OutputFolder() { fs::remove_all(base); }
    static void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
};

}  // namespace

TEST_CASE("look_up serves regular files under the output folder only") {
    OutputFolder f;
    const fs::path real = fs::canonical(f.out);
    auto kind = [&](const std::string& path) { return look_up(f.out, path).kind; };
    CHECK(look_up(f.out, "/site/index.html").file == real / "site" / "index.html");
    CHECK(look_up(f.out, "/site/").file == real / "site" / "index.html");
    CHECK(look_up(f.out, "/site/assets/style.css").kind == Lookup::Kind::file);
    // A link inside the folder is followed; one that leads out is not served.
    CHECK(look_up(f.out, "/site/alias.txt").file == real / "site" / "inner.txt");
    CHECK(kind("/site/leak.txt") == Lookup::Kind::not_found);
    CHECK(kind("/site/up/secret.txt") == Lookup::Kind::not_found);
    // Climbing, backslashes and NULs are refused outright.
    CHECK(kind("/../secret.txt") == Lookup::Kind::bad_request);
    CHECK(kind("/site/../../secret.txt") == Lookup::Kind::bad_request);
    CHECK(kind("/site/./index.html") == Lookup::Kind::bad_request);
    CHECK(kind("/site\\..\\secret.txt") == Lookup::Kind::bad_request);
    CHECK(kind(std::string("/site/index.html\0.pdf", 21)) == Lookup::Kind::bad_request);
    CHECK(kind("site/index.html") == Lookup::Kind::bad_request);
    CHECK(kind("") == Lookup::Kind::bad_request);
    // No listings, no hidden files, nothing that is not there.
    CHECK(kind("/site/assets/") == Lookup::Kind::not_found);
    CHECK(kind("/.evidencepack-output") == Lookup::Kind::not_found);
    CHECK(kind("/site/missing.html") == Lookup::Kind::not_found);
    // A folder without its slash is sent to it; the bare output folder to its site.
    CHECK(look_up(f.out, "/site").location == "/site/");
    CHECK(look_up(f.out, "/site/assets").kind == Lookup::Kind::redirect);
    CHECK(look_up(f.out, "/").location == "/site/");
}

TEST_CASE("content types") {
    CHECK(content_type_for("a/b.html") == "text/html; charset=utf-8");
    CHECK(content_type_for("x.PDF") == "application/pdf");
    CHECK(content_type_for("d.csv") == "text/csv; charset=utf-8");
    CHECK(content_type_for("m.svg") == "image/svg+xml");
    CHECK(content_type_for("noext") == "application/octet-stream");
}

TEST_CASE("the reload script goes before </body>, or at the end") {
    CHECK(with_live_reload("<html><body>x</body></html>", 3) ==
          "<html><body>x<script src=\"/__evidencepack/live.js\" data-generation=\"3\"></script>\n</body></html>");
    CHECK(with_live_reload("plain", 0) == "plain<script src=\"/__evidencepack/live.js\" data-generation=\"0\"></script>\n");
}

TEST_CASE("read_problems reads positions, messages and the offending line") {
    OutputFolder f;   // its base is the project here
    fs::create_directories(f.base / "content");
    OutputFolder::write(f.base / "content" / "a.md", "first\nsecond line {{ bad }}\r\nthird\n");
    const auto problems = read_problems(
        "content/a.md:2:13: error: unknown measure 'bad'\n"
        "data/places.csv:4: warning: a blank name\n"
        "content/document.csv: error: no title\n"
        "/etc/passwd:1:1: error: outside\n"
        "../../../../../../etc/passwd:1:1: error: outside\n"
        "something failed badly\n"
        "2 errors; nothing was written and the previous output is unchanged.\n",
        f.base);
    REQUIRE(problems.size() == 6);
    CHECK(problems[0].file == "content/a.md");
    CHECK(problems[0].line == 2);
    CHECK(problems[0].column == 13);
    CHECK(problems[0].severity == "error");
    CHECK(problems[0].message == "unknown measure 'bad'");
    CHECK(problems[0].source_line == "second line {{ bad }}");
    CHECK(problems[1].file == "data/places.csv");
    CHECK(problems[1].line == 4);
    CHECK(problems[1].column == 0);
    CHECK(problems[1].severity == "warning");
    CHECK(problems[2].file == "content/document.csv");
    CHECK(problems[2].line == 0);
    CHECK(problems[3].source_line.empty());   // a file outside the project is never read
    CHECK(problems[4].source_line.empty());
    CHECK(problems[5].file.empty());
    CHECK(problems[5].message == "something failed badly");
    CHECK(state_json(7, {problems[0]}) ==
          R"({"errors":[{"column":13,"file":"content/a.md","line":2,"message":"unknown measure 'bad'","severity":"error","source":"second line {{ bad }}"}],"generation":7})");
}
