#include "tests/testing/pg_server.h"

#include <libpq-fe.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <mutex>
#include <sstream>

namespace sohoa::testing {

namespace {

struct Server {
  std::string dir, conninfo, why;
  int databases = 0;
  bool absent = false;  // the server programs are not installed
  pid_t owner = ::getpid();
  ~Server() {
    if (::getpid() != owner) return;  // a forked child exiting
    if (!conninfo.empty()) {
      std::string cmd = "bash '" SOHOA_SOURCE_DIR "/scripts/pg_server.sh' stop '" + dir + "'";
      (void)std::system(cmd.c_str());
    }
    if (!dir.empty()) (void)std::system(("rm -rf '" + dir + "'").c_str());
  }
};

Server* Start() {
  static Server server;
  char tmpl[] = "/tmp/sohoa-pg-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) {
    server.why = "cannot make a temporary folder";
    return &server;
  }
  server.dir = tmpl;
  chmod(tmpl, 0755);  // the server may run as another user (as root: 'postgres')
  const std::string out = server.dir + "/conninfo", err = server.dir + "/start.err";
  std::string cmd = "bash '" SOHOA_SOURCE_DIR "/scripts/pg_server.sh' start '" + server.dir +
                    "/srv' >'" + out + "' 2>'" + err + "'";
  int rc = std::system(cmd.c_str());
  std::ifstream o(out), e(err);
  std::stringstream conninfo, message;
  conninfo << o.rdbuf();
  message << e.rdbuf();
  if (rc != 0) {
    server.absent = WIFEXITED(rc) && WEXITSTATUS(rc) == 77;
    server.why = message.str().empty() ? "scripts/pg_server.sh failed" : message.str();
    while (!server.why.empty() && server.why.back() == '\n') server.why.pop_back();
    return &server;
  }
  server.conninfo = conninfo.str();
  while (!server.conninfo.empty() && server.conninfo.back() == '\n') server.conninfo.pop_back();
  return &server;
}

}  // namespace

std::string NewPostgresDatabase(std::string* why, bool* absent) {
  *absent = false;
  static std::mutex mu;
  std::lock_guard<std::mutex> lock(mu);
  static Server* server = Start();
  if (server->conninfo.empty()) {
    *why = server->why;
    *absent = server->absent;
    return "";
  }
  const std::string name = "t" + std::to_string(::getpid()) + "_" + std::to_string(++server->databases);
  PGconn* c = PQconnectdb(server->conninfo.c_str());
  if (PQstatus(c) != CONNECTION_OK) {
    *why = PQerrorMessage(c);
    PQfinish(c);
    return "";
  }
  PGresult* r = PQexec(c, ("CREATE DATABASE " + name).c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  if (!ok) *why = PQresultErrorMessage(r);
  PQclear(r);
  PQfinish(c);
  if (!ok) return "";
  std::string conninfo = server->conninfo;
  conninfo.replace(conninfo.find("dbname=postgres"), 15, "dbname=" + name);
  return conninfo;
}

}  // namespace sohoa::testing

namespace sohoa::testing {
bool TestingPostgres() {
  const char* b = std::getenv("SOHOA_TEST_BACKEND");
  return b != nullptr && std::string(b) == "postgres";
}
}  // namespace sohoa::testing
