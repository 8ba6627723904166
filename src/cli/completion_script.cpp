#include "cli/completion_script.hpp"

#include <algorithm>
#include <array>

namespace scholard::cli {
namespace {

// What a value is, where CLI11 cannot say: (command, option or operand name).
// Command "" covers the global options wherever they stand.
struct ValueHint {
  std::string_view command;
  std::string_view name;
  ValueKind kind;
  std::string_view words;
};

constexpr std::array k_value_hints{
    ValueHint{"", "--config", ValueKind::file, ""},
    ValueHint{"", "--log-level", ValueKind::words, "trace debug info warn error"},
    ValueHint{"sync", "--only", ValueKind::ids, ""},
    ValueHint{"show", "ID", ValueKind::ids, ""},
    ValueHint{"history", "ID", ValueKind::ids, ""},
    ValueHint{"remove", "ID", ValueKind::ids, ""},
    ValueHint{"accept", "ID", ValueKind::candidates, ""},
    ValueHint{"reject", "ID", ValueKind::candidates, ""},
    ValueHint{"export", "--format", ValueKind::words, "bibtex csl-json json"},
    ValueHint{"export", "--output", ValueKind::file, ""},
    ValueHint{"import", "FILE", ValueKind::file, ""},
    ValueHint{"init", "DIR", ValueKind::directory, ""},
    ValueHint{"completion", "SHELL", ValueKind::words, "bash zsh fish"},
};

const ValueHint* find_hint(std::string_view command, const std::vector<std::string>& names) {
  for (const auto& h : k_value_hints) {
    if (h.command != command) continue;
    if (std::find(names.begin(), names.end(), h.name) != names.end()) return &h;
  }
  return nullptr;
}

// The first clause of a help text, short enough for a completion menu.
std::string one_line(const std::string& help) {
  std::string s = help.substr(0, help.find('\n'));
  for (std::string_view cut : {"; ", " ("}) s = s.substr(0, s.find(cut));
  constexpr std::size_t k_max = 70;
  if (s.size() > k_max) s = s.substr(0, s.rfind(' ', k_max)) + "...";
  return s;
}

OptionSpec describe_option(const std::string& command, const CLI::Option& opt) {
  OptionSpec spec;
  for (const auto& s : opt.get_snames()) spec.names.push_back("-" + s);
  for (const auto& l : opt.get_lnames()) spec.names.push_back("--" + l);
  spec.help = one_line(opt.get_description());
  spec.kind = opt.get_expected_max() == 0 ? ValueKind::none : ValueKind::any;  // 0: a flag
  if (const ValueHint* h = find_hint(command, spec.names)) {
    spec.kind = h->kind;
    spec.words = h->words;
  }
  return spec;
}

CommandSpec describe_command(const std::string& name, const CLI::App& app) {
  CommandSpec spec{name, one_line(app.get_description()), {}, ValueKind::none, ""};
  for (const CLI::Option* opt : app.get_options()) {
    if (opt->nonpositional()) {
      spec.options.push_back(describe_option(name, *opt));
    } else if (spec.positional == ValueKind::none) {
      spec.positional = ValueKind::any;
      if (const ValueHint* h = find_hint(name, {opt->get_name()})) {
        spec.positional = h->kind;
        spec.positional_words = h->words;
      }
    }
  }
  return spec;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

std::vector<std::string> option_names(const std::vector<OptionSpec>& options, bool with_value) {
  std::vector<std::string> out;
  for (const auto& o : options) {
    if (with_value && o.kind == ValueKind::none) continue;
    out.insert(out.end(), o.names.begin(), o.names.end());
  }
  return out;
}

// How each shell offers a value of each kind: a bash statement filling
// COMPREPLY, a zsh _arguments action, fish `complete` options. '@' stands for
// the words of ValueKind::words.
struct KindSyntax {
  ValueKind kind;
  std::string_view bash, zsh, fish;
};

constexpr std::array k_syntax{
    KindSyntax{ValueKind::none, "COMPREPLY=()", "", ""},
    KindSyntax{ValueKind::any, "COMPREPLY=()", ":value: ", " -x"},
    KindSyntax{ValueKind::file, "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- \"$cur\"))", ":file:_files",
               " -r -F"},
    KindSyntax{ValueKind::directory, "compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- \"$cur\"))",
               ":folder:_files -/", " -x -a '(__fish_complete_directories)'"},
    KindSyntax{ValueKind::ids, "COMPREPLY=($(compgen -W \"$(_scholard_values ids)\" -- \"$cur\"))",
               ":paper id:{_scholard_values ids}", " -x -a '(__scholard_values ids)'"},
    KindSyntax{ValueKind::candidates, "COMPREPLY=($(compgen -W \"$(_scholard_values candidates)\" -- \"$cur\"))",
               ":candidate id:{_scholard_values candidates}", " -x -a '(__scholard_values candidates)'"},
    KindSyntax{ValueKind::words, "COMPREPLY=($(compgen -W '@' -- \"$cur\"))", ":value:(@)", " -x -a @"},
};

// A fish single-quoted word.
std::string fish_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string value_syntax(Shell shell, ValueKind kind, const std::string& words) {
  for (const auto& k : k_syntax) {
    if (k.kind != kind) continue;
    std::string out(shell == Shell::bash ? k.bash : shell == Shell::zsh ? k.zsh : k.fish);
    if (auto at = out.find('@'); at != std::string::npos) {
      out.replace(at, 1, shell == Shell::fish ? fish_quote(words) : words);
    }
    return out;
  }
  return {};
}

// ---------------------------------------------------------------- bash

std::string bash_script(const std::vector<CommandSpec>& commands, std::string_view program) {
  const CommandSpec& global = commands.front();
  const std::string global_valued = join(option_names(global.options, true), " | ");
  const std::string global_all = join(option_names(global.options, false), " ");
  std::vector<std::string> names;
  for (std::size_t i = 1; i < commands.size(); ++i) names.push_back(commands[i].name);

  std::string s = "# bash completion for " + std::string(program) + " (`" + std::string(program) +
                  " completion bash`).\n# Try it: source <(" + std::string(program) +
                  " completion bash). Installed as share/bash-completion/completions/" + std::string(program) + ".\n";
  s += "_scholard_values() {  # $1: ids or candidates, asked of scholard with this line's --config\n"
       "  local i cfg=()\n"
       "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
       "    case ${COMP_WORDS[i]} in\n"
       "      -c | --config) cfg=(--config \"${COMP_WORDS[i + 1]}\") ;;\n"
       "    esac\n"
       "  done\n"
       "  \"${COMP_WORDS[0]}\" \"${cfg[@]}\" __complete \"$1\" 2>/dev/null\n"
       "}\n\n";
  s += "_scholard() {\n"
       "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} cmd= i\n"
       "  COMPREPLY=()\n"
       "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
       "    case ${COMP_WORDS[i]} in\n"
       "      " + global_valued + ") ((i++)) ;;\n"
       "      -*) ;;\n"
       "      *) cmd=${COMP_WORDS[i]}; break ;;\n"
       "    esac\n"
       "  done\n"
       "  case $cmd:$prev in\n";
  for (const auto& c : commands) {
    for (const auto& o : c.options) {
      if (o.kind == ValueKind::none) continue;
      std::vector<std::string> patterns;
      for (const auto& n : o.names) patterns.push_back((c.name.empty() ? std::string("*") : c.name) + ":" + n);
      s += "    " + join(patterns, " | ") + ") " + value_syntax(Shell::bash, o.kind, o.words) + "; return ;;\n";
    }
  }
  s += "  esac\n"
       "  case $cmd in\n"
       "    '')\n"
       "      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '" + global_all + "' -- \"$cur\"))\n"
       "      else COMPREPLY=($(compgen -W '" + join(names, " ") + "' -- \"$cur\")); fi ;;\n";
  for (std::size_t i = 1; i < commands.size(); ++i) {
    const CommandSpec& c = commands[i];
    s += "    " + c.name + ")\n"
         "      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W '" + join(option_names(c.options, false), " ") + " " +
         global_all + "' -- \"$cur\"))\n"
         "      else " + value_syntax(Shell::bash, c.positional, c.positional_words) + "; fi ;;\n";
  }
  s += "  esac\n"
       "}\n"
       "complete -F _scholard " + std::string(program) + "\n";
  return s;
}

// ---------------------------------------------------------------- zsh

// Text inside a single-quoted zsh word, where [ ] delimit _arguments' help.
std::string zsh_quote(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else if (c == '[') out += '(';
    else if (c == ']') out += ')';
    else out += c;
  }
  return out;
}

std::string zsh_specs(const std::vector<OptionSpec>& options) {
  std::string s;
  for (const auto& o : options) {
    for (const auto& n : o.names) {
      s += " \\\n    '" + n + "[" + zsh_quote(o.help) + "]" + value_syntax(Shell::zsh, o.kind, o.words) + "'";
    }
  }
  return s;
}

std::string zsh_script(const std::vector<CommandSpec>& commands, std::string_view program) {
  const std::string globals = zsh_specs(commands.front().options);
  std::string s = "#compdef " + std::string(program) + "\n# zsh completion for " + std::string(program) + " (`" +
                  std::string(program) +
                  " completion zsh`). Installed as share/zsh/vendor-completions/_" + std::string(program) + ".\n";
  s += "_scholard_values() {  # $1: ids or candidates, asked of scholard with this line's --config\n"
       "  local -a values\n"
       "  values=(${(f)\"$($_scholard_prog $_scholard_cfg __complete $1 2>/dev/null)\"})\n"
       "  compadd -a values\n"
       "}\n\n"
       "_scholard() {\n"
       "  local curcontext=$curcontext state line ret=1\n"
       "  local _scholard_prog=$words[1] i=${words[(I)(-c|--config)]}\n"
       "  local -a _scholard_cfg\n"
       "  (( i )) && _scholard_cfg=(--config ${words[i+1]})\n"
       "  local -a commands\n"
       "  commands=(\n";
  for (std::size_t i = 1; i < commands.size(); ++i) {
    s += "    '" + commands[i].name + ":" + zsh_quote(commands[i].help) + "'\n";
  }
  s += "  )\n"
       "  _arguments -C" + globals + " \\\n    '1: :->command' \\\n    '*:: :->args' && ret=0\n"
       "  case $state in\n"
       "    command) _describe -t commands 'scholard command' commands && ret=0 ;;\n"
       "    args)\n"
       "      case $words[1] in\n";
  for (std::size_t i = 1; i < commands.size(); ++i) {
    const CommandSpec& c = commands[i];
    const std::string operand = c.positional == ValueKind::none
                                    ? ""
                                    : " \\\n    '*" + value_syntax(Shell::zsh, c.positional, c.positional_words) + "'";
    s += "        " + c.name + ")\n          _arguments" + zsh_specs(c.options) + globals + operand + " && ret=0 ;;\n";
  }
  s += "      esac ;;\n"
       "  esac\n"
       "  return ret\n"
       "}\n\n"
       "# Autoloaded from fpath: complete now; sourced (source <(scholard completion zsh)): register.\n"
       "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n"
       "  _scholard \"$@\"\n"
       "else\n"
       "  compdef _scholard " + std::string(program) + "\n"
       "fi\n";
  return s;
}

// ---------------------------------------------------------------- fish

std::string fish_option(const std::string& program, const std::string& condition, const OptionSpec& o) {
  std::string s = "complete -c " + program + condition;
  for (const auto& n : o.names) s += (n.size() == 2 ? " -s " + n.substr(1) : " -l " + n.substr(2));
  return s + value_syntax(Shell::fish, o.kind, o.words) + " -d " + fish_quote(o.help) + "\n";
}

std::string fish_script(const std::vector<CommandSpec>& commands, std::string_view program_view) {
  const std::string program(program_view);
  std::vector<std::string> names;
  for (std::size_t i = 1; i < commands.size(); ++i) names.push_back(commands[i].name);
  const std::string all = join(names, " ");
  std::string s = "# fish completion for " + program + " (`" + program +
                  " completion fish`). Installed as share/fish/vendor_completions.d/" + program + ".fish.\n";
  s += "function __scholard_values  # $argv[1]: ids or candidates, asked with this line's --config\n"
       "    set -l line (commandline -opc)\n"
       "    set -l cfg\n"
       "    set -l i (contains -i -- --config $line; or contains -i -- -c $line)\n"
       "    if test -n \"$i\"; and test (count $line) -gt $i\n"
       "        set cfg --config $line[(math $i + 1)]\n"
       "    end\n"
       "    $line[1] $cfg __complete $argv[1] 2>/dev/null\n"
       "end\n\n"
       "complete -c " + program + " -f\n";
  for (const auto& o : commands.front().options) s += fish_option(program, "", o);
  for (std::size_t i = 1; i < commands.size(); ++i) {
    s += "complete -c " + program + " -n 'not __fish_seen_subcommand_from " + all + "' -a " + commands[i].name +
         " -d " + fish_quote(commands[i].help) + "\n";
  }
  for (std::size_t i = 1; i < commands.size(); ++i) {
    const CommandSpec& c = commands[i];
    const std::string cond = " -n '__fish_seen_subcommand_from " + c.name + "'";
    for (const auto& o : c.options) s += fish_option(program, cond, o);
    switch (c.positional) {
      case ValueKind::none:
      case ValueKind::any: break;
      case ValueKind::file: s += "complete -c " + program + cond + " -F\n"; break;
      default: {
        std::string value = value_syntax(Shell::fish, c.positional, c.positional_words);
        s += "complete -c " + program + cond + value.substr(value.find(" -a")) + "\n";
      }
    }
  }
  return s;
}

}  // namespace

std::vector<CommandSpec> describe_commands(const CLI::App& app) {
  std::vector<CommandSpec> out{describe_command("", app)};
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty()) continue;  // hidden: internal commands
    out.push_back(describe_command(sub->get_name(), *sub));
  }
  return out;
}

std::string completion_script(Shell shell, const std::vector<CommandSpec>& commands, std::string_view program) {
  switch (shell) {
    case Shell::bash: return bash_script(commands, program);
    case Shell::zsh: return zsh_script(commands, program);
    case Shell::fish: return fish_script(commands, program);
  }
  return {};
}

}  // namespace scholard::cli
