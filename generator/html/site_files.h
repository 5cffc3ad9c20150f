// Internal to the HTML writer: the file-system side (reading, writing, copying assets).
#pragma once

#include <map>
#include <string>

namespace ep::html {

std::string join_path(const std::string& dir, const std::string& name);
bool file_exists(const std::string& path);
std::string read_file(const std::string& path);                           // throws ep::Error
void write_file(const std::string& path, const std::string& contents);    // throws ep::Error

// Page and data file names must be plain names (no folders, no ".."), so nothing is written
// outside the site folder.
void check_plain_file_name(const std::string& name, const std::string& what);

// Copies every file under assets_dir (sub-folders kept) into out_dir/assets/, in sorted order.
void copy_assets(const std::string& assets_dir, const std::string& out_dir);

// Writes each name -> contents pair into out_dir/data/.
void write_data_files(const std::map<std::string, std::string>& files, const std::string& out_dir);

}  // namespace ep::html
