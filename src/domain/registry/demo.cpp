#include "domain/registry/demo.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <random>
#include <string>
#include <string_view>
#include <unordered_set>

#include "domain/identity/id_number.h"
#include "domain/registry/import.h"

namespace cordon::registry {
namespace {

// Common surnames, most frequent first, so that a skewed pick looks like a real roll.
constexpr std::array<std::string_view, 60> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "钟", "谭", "陆", "汪", "范", "廖", "邹", "莫"};

constexpr std::array<std::string_view, 64> kGiven = {
    "伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "兰", "霞", "平", "刚", "桂", "华", "玉", "萍", "红", "玲", "建", "国", "志",
    "文", "辉", "海", "晓", "燕", "鹏", "飞", "俊", "婷", "雪", "琳", "浩", "宇", "欣", "梓", "涵",
    "子", "轩", "怡", "佳", "嘉", "颖", "思", "雨", "春", "秋", "荣", "彬", "锋", "慧", "琴", "斌"};

// Where residents' cards were issued: mostly Dongguan, then the provinces its workers come from.
constexpr std::array<std::string_view, 10> kIdRegions = {"441900", "441900", "441900", "441900",
                                                         "441900", "441900", "430102", "360102",
                                                         "450102", "510104"};

constexpr std::array<std::string_view, 6> kPhonePrefixes = {"138", "139", "135",
                                                            "159", "186", "199"};
constexpr std::array<std::string_view, 6> kWorkplaces = {
    "东城街道办", "东莞市人民医院", "松山湖科技公司", "岗贝小学", "个体经营", "华为终端"};
constexpr std::array<std::string_view, 4> kMigrantPlaces = {"广州市", "深圳市", "佛山市",
                                                            "湖南省长沙市"};
constexpr std::array<std::string_view, 3> kKinds = {"业主", "租户", "集体户"};

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }
  template <class A>
  std::string_view Pick(const A& a) {
    return a[static_cast<size_t>(Int(0, static_cast<int>(a.size()) - 1))];
  }
  // Skewed towards the front of the list.
  template <class A>
  std::string_view PickSkewed(const A& a) {
    const int n = static_cast<int>(a.size());
    const int i = std::min(Int(0, n - 1), Int(0, n - 1));
    return a[static_cast<size_t>(i)];
  }

 private:
  std::mt19937_64 rng_;
};

struct Person {
  std::string name;
  std::string id;
  std::string phone;
  std::string relation;
  int age = 0;
};

std::string Name(Gen& g) {
  std::string n(g.PickSkewed(kSurnames));
  n += g.Pick(kGiven);
  if (g.Chance(0.7)) {
    n += g.Pick(kGiven);
  }
  return n;
}

std::string IdNumber(Gen& g, const CivilDate& today, int age, bool male,
                     std::unordered_set<std::uint64_t>& used) {
  for (;;) {
    CivilDate birth{today.year - age, g.Int(1, 12), g.Int(1, 28)};
    if (birth > CivilDate{today.year - age, today.month, today.day}) {
      birth.year -= 1;  // not had this year's birthday yet
    }
    std::string id(g.Pick(kIdRegions));
    id += FormatDate(birth).substr(0, 4) + FormatDate(birth).substr(5, 2) +
          FormatDate(birth).substr(8, 2);
    int seq = g.Int(0, 499) * 2 + (male ? 1 : 0);
    char buf[4];
    std::snprintf(buf, sizeof buf, "%03d", seq);
    id += buf;
    // The first 17 digits fit in 64 bits: a million people cost a few tens of megabytes.
    if (used.insert(std::stoull(id)).second) {
      id.push_back(identity::IdCheckCharacter(id));
      return id;
    }
  }
}

std::string Phone(Gen& g) {
  std::string p(g.Pick(kPhonePrefixes));
  for (int i = 0; i < 8; ++i) {
    p.push_back(static_cast<char>('0' + g.Int(0, 9)));
  }
  return p;
}

}  // namespace

std::vector<std::vector<std::string>> DemoRegistryRows(const DemoShape& shape,
                                                       const CivilDate& today) {
  std::vector<std::vector<std::string>> rows;
  GenerateDemoRegistry(shape, today,
                       [&rows](const std::vector<std::string>& row) { rows.push_back(row); });
  return rows;
}

void GenerateDemoRegistry(const DemoShape& shape, const CivilDate& today,
                          const std::function<void(const std::vector<std::string>&)>& emit) {
  Gen g(shape.seed);
  std::unordered_set<std::uint64_t> used_ids;
  emit({"姓名", "身份证号", "手机号", "片区", "楼栋", "单元", "房号", "与户主关系", "人员类型",
        "需关注情况", "工作单位", "车牌号", "外出务工", "外出地点", "备注"});

  const int households =
      shape.zones * shape.buildings_per_zone * shape.units_per_building * shape.households_per_unit;
  // Each household has a head; the other persons are spread over households at random.
  std::vector<int> extra(static_cast<size_t>(households), 0);
  for (int i = households; i < shape.persons; ++i) {
    extra[static_cast<size_t>(g.Int(0, households - 1))] += 1;
  }

  int h = 0;
  for (int zone = 1; zone <= shape.zones; ++zone) {
    for (int b = 1; b <= shape.buildings_per_zone; ++b) {
      const std::string building = std::to_string((zone - 1) * shape.buildings_per_zone + b) + "栋";
      for (int u = 1; u <= shape.units_per_building; ++u) {
        for (int k = 0; k < shape.households_per_unit; ++k, ++h) {
          const std::string room = std::to_string(k / 2 + 1) + (k % 2 == 0 ? "01" : "02");
          const int members = 1 + extra[static_cast<size_t>(h)];
          const std::string kind(g.Chance(0.7)    ? kKinds[0]
                                 : g.Chance(0.85) ? kKinds[1]
                                                  : kKinds[2]);
          const int head_age = members == 1 && g.Chance(0.4) ? g.Int(60, 92) : g.Int(25, 75);
          const bool head_male = g.Chance(0.55);
          std::vector<Person> people;
          people.push_back(
              {Name(g), IdNumber(g, today, head_age, head_male, used_ids), "", "户主", head_age});
          for (int m = 1; m < members; ++m) {
            Person p;
            p.name = Name(g);
            if (m == 1 && head_age >= 22) {
              p.relation = "配偶";
              p.age = std::clamp(head_age + g.Int(-5, 5), 20, 95);
              p.id = IdNumber(g, today, p.age, !head_male, used_ids);
              p.name = std::string(p.name);
            } else if (head_age >= 45 && m == members - 1 && head_age + 25 <= 95 && g.Chance(0.3)) {
              p.relation = "父母";
              p.age = head_age + g.Int(22, 30);
              p.id = IdNumber(g, today, p.age, g.Chance(0.5), used_ids);
            } else {
              p.relation = "子女";
              p.age = std::max(0, head_age - g.Int(22, 35));
              p.id = IdNumber(g, today, p.age, g.Chance(0.5), used_ids);
              // Children take the head's surname.
              p.name = std::string(people[0].name.substr(0, 3)) + p.name.substr(3);
            }
            people.push_back(p);
          }
          for (auto& p : people) {
            p.phone = p.age >= 14 ? Phone(g) : "";
            std::string flags;
            auto add_flag = [&](std::string_view f) {
              flags += flags.empty() ? "" : "、";
              flags += f;
            };
            if (members == 1 && p.age >= 60) {
              add_flag("独居");
            }
            if (g.Chance(0.02)) {
              add_flag("残疾");
            }
            if (p.age >= 50 && g.Chance(0.15)) {
              add_flag("慢性病");
            }
            const bool adult = p.age >= 18 && p.age < 60;
            const bool migrant = adult && g.Chance(0.03);
            std::string plate;
            if (adult && g.Chance(0.12)) {
              plate = "粤S";
              for (int i = 0; i < 5; ++i) {
                plate.push_back(i == 0 ? static_cast<char>('A' + g.Int(0, 25))
                                       : static_cast<char>('0' + g.Int(0, 9)));
              }
            }
            emit({p.name, p.id, p.phone, std::to_string(zone), building, std::to_string(u) + "单元",
                  room, p.relation, kind, flags,
                  adult && !migrant && g.Chance(0.5) ? std::string(g.Pick(kWorkplaces)) : "", plate,
                  migrant ? "是" : "否", migrant ? std::string(g.Pick(kMigrantPlaces)) : "", ""});
          }
        }
      }
    }
  }
}

}  // namespace cordon::registry
