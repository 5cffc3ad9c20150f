// Tests for maps: boundary files (generator/geo), bands and the map directive's summary
// (generator/narrative/map_chart.cpp), and the drawn map (generator/charts/layout_map.cpp and
// both backends): each place drawn once, inside the frame, shared borders shared, the pack's
// own place outlined, colours and patterns that read in greyscale.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

#include <hpdf.h>

#include "charts/chart.h"
#include "charts/layout.h"
#include "core/diagnostics.h"
#include "geo/atlas.h"
#include "geo/boundary_file.h"
#include "geo/projection.h"
#include "narrative/directive_parts.h"
#include "narrative/map_classes.h"
#include "pdf/fonts.h"
#include "shipped_data.h"

using namespace ep;

namespace {

// The shipped boundaries, loaded once.
const geo::Atlas& shipped_atlas() {
    static Diagnostics diags;
    static geo::Atlas atlas;
    static bool loaded = false;
    if (!loaded) {
        atlas.load(std::string(EP_SOURCE_DIR) + "/data", "data", shipped(), diags);
        loaded = true;
    }
    for (const auto& d : diags.items()) MESSAGE(to_string(d));
    REQUIRE_FALSE(diags.has_errors());
    return atlas;
}

const std::vector<std::string> kCsw = {"E08000026", "E08000029", "E10000031"};   // Coventry, Solihull, Warwickshire

std::string error_of(const std::string& json) {
    try {
        geo::read_boundary_file(json, "data/boundaries/t.json", "CODE", "NAME");
    } catch (const Error& e) {
        return to_string(e.where()) + ": " + e.message();
    }
    return "";
}

double ring_area(const model::MapRing& r) {
    double twice = 0;
    for (size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) twice += (r[j].x + r[i].x) * (r[j].y - r[i].y);
    return twice / 2;
}

// Area of a shape filled even-odd: the outer rings less their holes.
double shape_area(const model::MapShape& s) {
    double a = 0;
    for (const auto& p : s.polygons) {
        a += std::fabs(ring_area(p.front()));
        for (size_t h = 1; h < p.size(); ++h) a -= std::fabs(ring_area(p[h]));
    }
    return a;
}

model::ChartPoint pt(double v, std::string label) { return {v, std::move(label)}; }

// The CSW map as the shipped pack's directive makes it, without the pipeline.
model::Figure csw_map(bool outline_coventry) {
    model::Figure f;
    f.id = "figure-map";
    f.number = 4;
    f.title = "Net spend per head";
    f.chart.type = model::ChartType::Map;
    f.chart.unit = "money";
    f.chart.value_axis_title = "Net spend per head on children's services";
    f.chart.categories = {"Coventry", "Solihull", "Warwickshire"};
    f.chart.series = {{"Net spend per head", {pt(1064, "£1,064"), pt(958, "£958"), {std::nullopt, "No figure"}}}};
    const auto banding = narrative::band_values(f.chart.series[0].points, {}, Unit::Money);
    f.chart.band_of = banding.band_of;
    f.chart.bands = banding.bands;
    f.chart.bands_title = banding.title;
    f.chart.shapes = *shipped_atlas().shapes("csw-lad-2013.topo.json", kCsw);
    if (outline_coventry) {
        f.chart.highlight = geo::Atlas::outline(*f.chart.shapes, {0});
        f.chart.highlight_name = "Coventry";
    }
    f.summary = narrative::map_summary(f.chart, "net spend per head");
    return f;
}

struct Bounds {
    double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
    void add(double x, double y) { x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y); }
};

std::string run(const std::string& cmd) {
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r")) {
        char buf[4096];
        for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
        pclose(p);
    }
    return out;
}

}  // namespace

// ---- boundary files ------------------------------------------------------------------------

TEST_CASE("TopoJSON: quantized arcs decoded, a shared arc read both ways, properties kept") {
    // Two unit squares side by side sharing arc 0 (x = 1), positions quantized by 0.5 degrees.
    const std::string topo = R"({"type":"Topology","transform":{"scale":[0.5,0.5],"translate":[-2,52]},
      "arcs":[[[2,0],[0,2]],[[2,2],[-2,0],[0,-2],[2,0]],[[2,0],[2,0],[0,2],[-2,0]]],
      "objects":{"lad":{"type":"GeometryCollection","geometries":[
        {"type":"Polygon","arcs":[[0,1]],"properties":{"CODE":"E1","NAME":"West"}},
        {"type":"Polygon","arcs":[[2,-1]],"properties":{"CODE":"E2","NAME":"East"}}]}}})";
    auto f = geo::read_boundary_file(topo, "t.json", "CODE", "NAME");
    REQUIRE(f.size() == 2);
    CHECK(f[0].code == "E1");
    CHECK(f[1].name == "East");
    const auto& west = f[0].polygons.at(0).at(0);
    const auto& east = f[1].polygons.at(0).at(0);
    CHECK(west.size() == 4);
    CHECK(east.size() == 4);
    CHECK(west[0].x == doctest::Approx(-1));   // 2 * 0.5 - 2
    CHECK(west[0].y == doctest::Approx(52));
    CHECK(west[1].y == doctest::Approx(53));
    // Arc 0 reversed (~0) in the east square: the same two points, the other way round.
    CHECK(east.back().x == doctest::Approx(-1));
    CHECK(east.back().y == doctest::Approx(53));
}

TEST_CASE("GeoJSON: polygons and multipolygons, the closing position not repeated") {
    const std::string geo = R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"CODE":"W1","NAME":"A"},"geometry":{"type":"Polygon",
        "coordinates":[[[-3,52],[-2,52],[-2,53],[-3,53],[-3,52]]]}},
      {"type":"Feature","properties":{"CODE":"W2","NAME":"B"},"geometry":{"type":"MultiPolygon",
        "coordinates":[[[[-2,52],[-1,52],[-1,53],[-2,52]]],[[[-1,52],[0,52],[0,53],[-1,52]]]]}}]})";
    auto f = geo::read_boundary_file(geo, "t.json", "CODE", "NAME");
    REQUIRE(f.size() == 2);
    CHECK(f[0].polygons.at(0).at(0).size() == 4);
    CHECK(f[1].polygons.size() == 2);
}

TEST_CASE("boundary files: each problem is an error at its line and column") {
    // Malformed JSON: where the parser stopped.
    CHECK(error_of("{\n  \"type\": \"Topology\",\n  \"arcs\": [[[0, 0], [1, 1]]\n}\n") ==
          "data/boundaries/t.json:4:1: malformed JSON: syntax error while parsing array - unexpected '}'; expected ']'");
    CHECK(error_of("{\"type\": \"Topology\", \"arcs\": [], \"objects\": {\"a\": nul}}") ==
          "data/boundaries/t.json:1:54: malformed JSON: syntax error while parsing value - invalid literal; last read: "
          "'\"a\": nul}'");
    // Valid JSON that is not boundaries: at the object that is wrong.
    CHECK(error_of("{\"type\":\"Feature\"}") ==
          "data/boundaries/t.json:1:1: the file's type is \"Feature\": boundaries must be a TopoJSON Topology or a "
          "GeoJSON FeatureCollection");
    CHECK(error_of("{\"type\":\"FeatureCollection\",\"features\":[\n {\"type\":\"Feature\",\"properties\":{\"NAME\":\"A\"},"
                   "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,52],[1,52],[1,53],[0,52]]]}}]}") ==
          "data/boundaries/t.json:2:2: this area has no property \"CODE\" (data/boundaries/boundaries.csv names it)");
    CHECK(error_of("{\"type\":\"Topology\",\"arcs\":[[[0,0],[1,1]]],\"objects\":{\"a\":\n  {\"type\":\"Polygon\",\"arcs\":[[3]],"
                   "\"properties\":{\"CODE\":\"E1\",\"NAME\":\"A\"}}}}") ==
          "data/boundaries/t.json:2:3: arc 3 is referred to, but the file has 1 arcs");
    CHECK(error_of("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"CODE\":\"W\","
                   "\"NAME\":\"A\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[400000,300000],[400100,300000],"
                   "[400100,300100],[400000,300000]]]}}]}")
              .find("the coordinates are not longitude and latitude") != std::string::npos);
    CHECK(error_of("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"CODE\":\"W\","
                   "\"NAME\":\"A\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[0,52]}}]}")
              .find("only Polygon and MultiPolygon geometries can be mapped (this is \"Point\")") != std::string::npos);
}

TEST_CASE("projection: the written-out transformation is PROJ's EPSG:4326 to EPSG:27700") {
    CHECK(geo::national_grid_pipeline_from_epsg() == geo::kNationalGridPipeline);
}

TEST_CASE("projection: longitude and latitude onto the British National Grid") {
    // Coventry's centre; two points on the grid's central meridian, a degree apart.
    std::vector<model::MapPoint> p = {{-1.5197, 52.4068}, {-2.0, 49.0}, {-2.0, 50.0}};
    const geo::NationalGrid grid;
    grid.forward(p);
    CHECK(p[0].x == doctest::Approx(432771).epsilon(0.00002));   // within ten metres
    CHECK(p[0].y == doctest::Approx(278863).epsilon(0.00004));
    // 2 degrees west on OSGB36 (WGS 84's meridian lies about 100 metres from it): the false
    // easting, 400 km; a degree of latitude is 111 km.
    CHECK(p[1].x == doctest::Approx(400000).epsilon(0.0005));
    CHECK(p[2].y - p[1].y == doctest::Approx(111200).epsilon(0.002));
    grid.inverse(p);   // and back
    CHECK(p[0].x == doctest::Approx(-1.5197).epsilon(1e-7));
    CHECK(p[0].y == doctest::Approx(52.4068).epsilon(1e-7));
}

// ---- the shapes of a map -----------------------------------------------------------------

TEST_CASE("shapes: each place once, inside the frame, dissolved, sharing its borders exactly") {
    const auto& atlas = shipped_atlas();
    const auto shapes = atlas.shapes("csw-lad-2013.topo.json", kCsw);
    REQUIRE(shapes->places.size() == 3);
    for (const auto& p : shapes->places) {
        CAPTURE(p.code);
        REQUIRE_FALSE(p.polygons.empty());
        Bounds b;
        for (const auto& poly : p.polygons)
            for (const auto& ring : poly)
                for (const auto& q : ring) b.add(q.x, q.y);
        CHECK(b.x0 > shapes->x0);
        CHECK(b.x1 < shapes->x1);
        CHECK(b.y0 > shapes->y0);
        CHECK(b.y1 < shapes->y1);
        CHECK(p.label_room > 0);
    }
    // Warwickshire is its five districts dissolved into one area, with no borders between them.
    CHECK(shapes->places[2].polygons.size() == 1);
    CHECK(shapes->places[2].polygons[0].size() == 1);
    // No gaps and no overlaps between the three: their areas add up to the area of their union,
    // which has no holes.
    const auto outline = geo::Atlas::outline(*shapes, {0, 1, 2});
    CHECK(outline.size() == 1);
    const double sum = shape_area(shapes->places[0]) + shape_area(shapes->places[1]) + shape_area(shapes->places[2]);
    CHECK(std::fabs(ring_area(outline.front())) == doctest::Approx(sum).epsilon(1e-9));
    // Coventry's border with Warwickshire is drawn on the same points in both.
    size_t shared = 0;
    for (const auto& p : shapes->places[0].polygons[0][0])
        for (const auto& q : shapes->places[2].polygons[0][0]) shared += (p.x == q.x && p.y == q.y) ? 1 : 0;
    CHECK(shared >= 10);
    // Simplified to the drawing: far fewer points than the file has, but each shape still a shape.
    size_t points = 0;
    for (const auto& poly : shapes->places[2].polygons) points += poly[0].size();
    CHECK(points > 100);
    CHECK(points < 1500);
    // The areas around them: the counties whole (one shape each), clipped to the frame.
    std::vector<std::string> names;
    for (const auto& c : shapes->context) {
        names.push_back(c.name);
        for (const auto& poly : c.polygons)
            for (const auto& q : poly[0]) {
                CHECK(q.x >= shapes->x0 - 1e-6);
                CHECK(q.x <= shapes->x1 + 1e-6);
            }
    }
    for (const char* n : {"Birmingham", "Leicestershire", "Northamptonshire", "Oxfordshire", "Staffordshire", "Worcestershire"})
        CHECK_MESSAGE(std::count(names.begin(), names.end(), n) == 1, n);
    CHECK(std::count(names.begin(), names.end(), "Rugby") == 0);   // a district of Warwickshire, not a neighbour
    // The same map again is the one computed before (every pack shares it).
    CHECK(atlas.shapes("csw-lad-2013.topo.json", kCsw).get() == shapes.get());
}

TEST_CASE("shapes: what cannot be drawn is said") {
    const auto& atlas = shipped_atlas();
    CHECK(atlas.missing("csw-lad-2013.topo.json", "E10000031") == "");
    CHECK(atlas.missing("csw-lad-2013.topo.json", "E08000099") ==
          "no area in data/boundaries/csw-lad-2013.topo.json has the GSS code E08000099");
    // Buckinghamshire's South Bucks lies beyond the 30 km the shipped file keeps.
    CHECK(atlas.missing("csw-lad-2013.topo.json", "E10000002") ==
          "E10000002 (Buckinghamshire) is made of 4 areas in data/boundaries/areas.csv, but "
          "data/boundaries/csw-lad-2013.topo.json has no area E07000006");
    std::string overlap;
    try {
        atlas.shapes("csw-lad-2013.topo.json", {"E10000031", "E07000222"});
    } catch (const Error& e) {
        overlap = e.message();
    }
    CHECK(overlap == "E07000222 and E10000031 overlap (both hold E07000222, Warwick): a map shows each area once");
}

// ---- bands ---------------------------------------------------------------------------------

TEST_CASE("bands: quantiles keep ties together; fixed breaks label their ranges; no figure is no band") {
    std::vector<model::ChartPoint> pts = {pt(822, "£822"), pt(958, "£958"), pt(1064, "£1,064"), {std::nullopt, "N/A"}};
    auto q = narrative::band_values(pts, {}, Unit::Money);
    CHECK(q.band_of == std::vector<int>{0, 1, 2, -1});
    REQUIRE(q.bands.size() == 3);
    CHECK(q.bands[2].label == "£1,064");
    CHECK(q.bands[0].count == 1);

    std::vector<model::ChartPoint> tied = {pt(1, "1"), pt(1, "1"), pt(1, "1"), pt(5, "5")};
    narrative::MapClasses two;
    two.count = 2;
    auto t = narrative::band_values(tied, two, Unit::Count);
    CHECK(t.band_of == std::vector<int>{0, 0, 0, 1});   // the three 1s never split
    CHECK(t.bands[0].label == "1");
    CHECK(t.bands[0].count == 3);

    narrative::MapClasses fixed;
    fixed.scheme = narrative::MapClasses::Scheme::Breaks;
    fixed.breaks = {900, 1000};
    auto b = narrative::band_values(pts, fixed, Unit::Money);
    CHECK(b.band_of == std::vector<int>{0, 1, 2, -1});
    REQUIRE(b.bands.size() == 3);
    CHECK(b.bands[0].label == "Under £900");
    CHECK(b.bands[1].label == "£900 to under £1,000");
    CHECK(b.bands[2].label == "£1,000 or more");
    pts[1] = pt(1000, "£1,000");   // a figure on a break starts the band above
    CHECK(narrative::band_values(pts, fixed, Unit::Money).band_of[1] == 2);
}

TEST_CASE("bands: the classes key is checked") {
    auto parse = [](const std::string& v) {
        std::string why;
        auto c = narrative::parse_map_classes({v, {"content/a.md", 9, 10}}, Unit::Money, &why);
        return c ? std::string("ok") : why;
    };
    CHECK(parse("quantiles") == "ok");
    CHECK(parse("quantiles 4") == "ok");
    CHECK(parse("breaks £900; £1,000") == "ok");
    CHECK(parse("quantiles 9") == "'quantiles' takes a number of bands from 2 to 5 (not '9')");
    CHECK(parse("breaks £1,000; £900") == "the breaks must go up: '£900' is not above the one before it");
    CHECK(parse("breaks £1; £2; £3; £4; £5") == "'breaks' takes from 1 to 4 figures separated by ';' (5 bands at most)");
    CHECK(parse("breaks 900") == "'900' is not a figure to break at: '900' is count but the measure is measured in money");
    CHECK(parse("jenks 5") == "unknown class scheme 'jenks' (use 'quantiles', 'quantiles N' or 'breaks A; B; ...')");
}

TEST_CASE("summary: the highest and lowest bands, the places with no figure, the outline") {
    const auto f = csw_map(true);
    CHECK(f.summary ==
          "Net spend per head, in 2 bands: Coventry is in the highest band at £1,064; Solihull is in the lowest at £958; "
          "Warwickshire has no figure. The outline marks Coventry.");
}

// ---- the drawing -------------------------------------------------------------------------

TEST_CASE("map layout: each place drawn once, inside the frame; no data hatched; the pack's place outlined") {
    const auto f = csw_map(true);
    for (double width : {640.0, 400.0}) {
        CAPTURE(width);
        const auto scene = charts::build_scene(f, width);
        const double frame_w = width >= 560 ? width - 210 : width;
        const double frame_h = frame_w * (f.chart.shapes->y1 - f.chart.shapes->y0) / (f.chart.shapes->x1 - f.chart.shapes->x0);
        int outlines = 0;
        for (const char* place : {"Coventry", "Solihull", "Warwickshire"}) {
            CAPTURE(place);
            std::vector<const charts::Mark*> drawn;
            for (const auto& m : scene.marks)
                if (m.kind == charts::MarkKind::Path && m.fill != charts::kNone && m.text.rfind(std::string(place) + ":", 0) == 0)
                    drawn.push_back(&m);
            REQUIRE(drawn.size() == 1);
            Bounds b;
            for (const auto& ring : drawn[0]->rings)
                for (const auto& [x, y] : ring) b.add(x, y);
            CHECK(b.x0 >= 0);
            CHECK(b.y0 >= 0);
            CHECK(b.x1 <= frame_w);
            CHECK(b.y1 <= frame_h + 1e-9);
            CHECK(b.x1 - b.x0 > 10);   // a shape, not a speck
            if (std::string(place) == "Warwickshire") {   // no figure: white, hatched, named "no data"
                CHECK(drawn[0]->fill == charts::kWhite);
                CHECK(drawn[0]->hatch == charts::kNoDataPattern);
                CHECK(drawn[0]->text == "Warwickshire: no data");
            }
        }
        for (const auto& m : scene.marks)
            if (m.kind == charts::MarkKind::Path && m.fill == charts::kNone && m.text == "Coventry") {
                ++outlines;
                CHECK(m.stroke == charts::kInk);
                CHECK(m.stroke_width >= 2);
                CHECK(m.rings.size() == f.chart.highlight.size());
            }
        CHECK(outlines == 1);
        bool legend_no_data = false, legend_outline = false;
        for (const auto& m : scene.marks) {
            legend_no_data = legend_no_data || m.text == "No data (1 place)";
            legend_outline = legend_outline || m.text == "Coventry (outlined)";
        }
        CHECK(legend_no_data);
        CHECK(legend_outline);
    }
    // Without an outline (a pack whose place is not on the map) there is no outline path.
    const auto plain = charts::build_scene(csw_map(false), 640);
    for (const auto& m : plain.marks) CHECK_FALSE((m.kind == charts::MarkKind::Path && m.fill == charts::kNone));
}

TEST_CASE("map colours: a sequential palette with patterns, its lines and borders at 3:1 or more") {
    for (size_t n = 1; n <= 5; ++n) {
        CAPTURE(n);
        double last = 0;
        for (size_t b = 0; b < n; ++b) {
            CAPTURE(b);
            const charts::Colour c = charts::band_colour(b, n);
            // Darker band by band, so the order shows in greyscale too.
            const double lum = 1 / charts::contrast_ratio(c, charts::kWhite);
            CHECK(lum < (b == 0 ? 2.0 : last));
            last = lum;
            CHECK(charts::contrast_ratio(c, charts::kInk) >= 3);                        // borders and the outline
            CHECK(charts::contrast_ratio(c, charts::text_colour_on(c)) >= 4.5);         // hatch lines and names
            if (b > 0) CHECK(charts::band_hatch(b) != charts::band_hatch(b - 1));       // neighbours told apart
        }
    }
    CHECK(charts::band_hatch(0) == charts::Hatch::None);
    CHECK(charts::contrast_ratio(charts::kNoDataHatch, charts::kWhite) >= 3);
    CHECK(charts::contrast_ratio(charts::kInkSoft, charts::kContextFill) >= 4.5);   // neighbours' names
    for (size_t b = 0; b < 5; ++b) CHECK(charts::band_hatch(b) != charts::kNoDataPattern);
}

TEST_CASE("map SVG: each place a path with its name, inside the frame, patterns defined once") {
    const auto f = csw_map(true);
    const std::string svg = charts::render_svg(f);
    for (const char* title : {"<title>Coventry: £1,064</title>", "<title>Solihull: £958</title>",
                              "<title>Warwickshire: no data</title>", "<title>Coventry</title>"}) {
        CAPTURE(title);
        size_t n = 0;
        for (size_t at = svg.find(title); at != std::string::npos; at = svg.find(title, at + 1)) ++n;
        CHECK(n == 1);
    }
    // Every path's points (relative steps in tenths) stay inside the map's frame.
    const double frame_w = 640 - 210;
    std::regex path_re("<path d=\"([^\"]+)\"");
    int paths = 0;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), path_re); it != std::sregex_iterator(); ++it, ++paths) {
        const std::string d = (*it)[1];
        std::regex num_re("[Mlz]|-?[0-9]*\\.?[0-9]+");
        double x = 0, y = 0;
        bool absolute = false;
        std::vector<double> pending;
        for (auto n = std::sregex_iterator(d.begin(), d.end(), num_re); n != std::sregex_iterator(); ++n) {
            const std::string t = (*n)[0];
            if (t == "M") absolute = true;
            else if (t == "l") absolute = false;
            else if (t != "z") {
                pending.push_back(std::stod(t));
                if (pending.size() == 2) {
                    x = absolute ? pending[0] : x + pending[0];
                    y = absolute ? pending[1] : y + pending[1];
                    pending.clear();
                    CHECK(x >= -0.05);
                    CHECK(x <= frame_w + 0.05);
                    CHECK(y >= -0.05);
                }
            }
        }
    }
    CHECK(paths > 10);
    CHECK(svg.find("fill-rule=\"evenodd\"") != std::string::npos);
    CHECK(svg.find("<pattern id=\"figure-map-chart-fill") != std::string::npos);
}

TEST_CASE("map PDF: areas filled even-odd, patterns clipped to them, names extractable") {
    const auto f = csw_map(true);
    HPDF_Doc pdf = HPDF_New(nullptr, nullptr);
    REQUIRE(pdf);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_NONE);
    const auto fonts = pdf::FontSet::load();
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    const float h = charts::preferred_height(f, 453);
    charts::draw_pdf(page, f, fonts, 71, 780 - h, 453, h);
    fonts.embed(pdf);
    const std::string path = "/tmp/ep_test_maps.pdf";
    REQUIRE(HPDF_SaveToFile(pdf, path.c_str()) == HPDF_OK);
    HPDF_Free(pdf);
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(bytes.find("\nf*\n") != std::string::npos);    // even-odd fill
    CHECK(bytes.find("\nW*\n") != std::string::npos);    // even-odd clip, for the patterns
    const std::string text = run("pdftotext -enc UTF-8 " + path + " - 2>/dev/null");
    for (const char* label : {"Coventry", "£1,064", "No data (1 place)", "Coventry (outlined)"})
        CHECK_MESSAGE(text.find(label) != std::string::npos, label);
    std::remove(path.c_str());
}
