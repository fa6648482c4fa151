# cordon: `make run` serves a demo community; `make test` runs every test (the same as CI).
.PHONY: all bootstrap build debug web run test bench fuzz format format-check clean

all: build

bootstrap:
	@scripts/bootstrap

# The web console, built into web/dist (served by `cordon serve`).
web: bootstrap
	@scripts/web build

build: bootstrap web
	cmake --preset release
	cmake --build --preset release

debug: bootstrap
	cmake --preset debug
	cmake --build --preset debug

run: build
	@scripts/run

# Every test: unit tests in the sanitizer build (the store's contract on SQLite and on a real
# PostgreSQL server started for the run), black-box API tests against it on both databases, then
# the web console's gates and its end-to-end tests in Chromium.
test: format-check debug web
	scripts/with-postgres sh -c 'ctest --preset debug && \
	  CORDON_TEST_POSTGRES= scripts/test-api build/debug/src/cordon && \
	  scripts/test-api build/debug/src/cordon'
	scripts/web test build/debug/src/cordon

bench: build
	bench/run

# The parsers of untrusted input under libFuzzer (FUZZ_SECONDS a target, default 60).
fuzz: bootstrap
	scripts/fuzz

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror

clean:
	rm -rf build web/dist
