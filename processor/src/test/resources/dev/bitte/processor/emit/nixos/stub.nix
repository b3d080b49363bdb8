# Stand-ins for the few parts of nixpkgs' lib and pkgs that the generated modules use, so that a
# module can be applied to arguments and evaluated without nixpkgs (no <nixpkgs> here, and the
# real module system is not what is under test: the values the modules set are).
rec {
  lib = {
    mkOption = attrs: attrs // { _type = "option"; };
    mkIf = condition: content: { _type = "if"; inherit condition content; };
    mkDefault = content: { _type = "override"; priority = 1000; inherit content; };
    types = {
      str = "str";
      bool = "bool";
      int = "int";
      nullOr = t: "nullOr " + t;
      listOf = t: "listOf " + t;
      enum = values: "enum";
    };
    # As nixpkgs' lib.getName: the pname of a package, else the name without its version.
    getName = x:
      if builtins.isString x then (builtins.parseDrvName x).name
      else x.pname or (builtins.parseDrvName x.name).name;
    nixosSystem = args: args;
  };
  pkgs = {
    cni-plugins = { pname = "cni-plugins"; outPath = "/nix/store/00000000000000000000000000000000-cni-plugins-1.6.2"; };
    awscli2 = { pname = "awscli2"; outPath = "/nix/store/00000000000000000000000000000000-awscli2-2.22.0"; };
    coreutils = { pname = "coreutils"; outPath = "/nix/store/00000000000000000000000000000000-coreutils-9.5"; };
  };
  modulesPath = "/stub/nixos/modules";
  # The arguments the module system passes a module, with the given config.
  args = config: { inherit config lib pkgs modulesPath; options = { }; };
}
